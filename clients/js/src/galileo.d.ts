import type { RetryOptions } from './backoff.js';
import { ErrorCatalogue, WsIngestError } from './errors.js';
import type { AnsweringServerOptions, GetToken } from './socket.js';

/**
 * Codes: UNAUTHORIZED, FORBIDDEN, TOO_MANY_CONNECTIONS, IDLE_TIMEOUT, NOT_READING, SHUTTING_DOWN, MALFORMED_SIGNAL,
 * UNKNOWN_SIGNAL, INVALID_FINISHED, UNEXPECTED_DATA, UNEXPECTED_FINISHED, SIGNAL_TOO_LONG, INVALID_METADATA,
 * FILE_TOO_LARGE, QUOTA_EXCEEDED, UNEXPECTED_METADATA, CHUNK_TOO_LARGE, TOO_MUCH_DATA, SIZE_MISMATCH, INVALID_HASH,
 * UNSUPPORTED_HASH, HASH_MISMATCH, STORAGE_FULL, SERVER_ERROR, UNKNOWN; NO_WEBCRYPTO from this client.
 */
export class GalileoError extends WsIngestError {}

export const GALILEO_ERRORS: ErrorCatalogue;

export interface GalileoOptions extends AnsweringServerOptions {
  getToken: GetToken;
  /** Store the file as this project's media; the user's own file otherwise. */
  project?: string;
  /** A File's own name by default. */
  name?: string;
  /** Send the file's SHA-256 for the server to check (default true). The file is read into memory to hash it. */
  hash?: boolean;
  /** WebCrypto where there is no `globalThis.crypto` (Node 18: `(await import('node:crypto')).webcrypto.subtle`). */
  subtle?: SubtleCrypto;
  retry?: RetryOptions;
  /** Stops the upload (AbortedError); the server discards what it received. */
  signal?: AbortSignal;
  onProgress?: (progress: { sent: number; total: number }) => void;
  onRetry?: (error: Error, delayMs: number) => void;
}

/** Uploads a file; resolves once it is stored. `warnings` are the non-fatal errors the server sent. */
export function galileoSend(file: Blob, options: GalileoOptions): Promise<{ sha256: string | null; warnings: string[] }>;

export function sha256Hex(blob: Blob, subtle?: SubtleCrypto): Promise<string>;
