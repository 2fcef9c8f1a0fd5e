import type { RetryOptions } from './backoff.js';
import { ErrorCatalogue, WsIngestError } from './errors.js';
import type { AnsweringServerOptions, GetToken } from './socket.js';

export const STATUS: Readonly<{
  OK: 0; BAD_PACKET: 1; UNKNOWN_ROUTE: 2; UNAUTHORIZED: 3; STREAM_REFUSED: 4; STORAGE_EXHAUSTED: 5;
  FORMAT_CHECK_FAILED: 6; UNKNOWN_STREAM_KEY: 7; STREAM_DATA_ERROR: 8; INTERNAL_ERROR: 9; TOO_MANY_CONNECTIONS: 10;
  SHUTTING_DOWN: 11;
}>;

export interface Packet<P = unknown> {
  headers: Record<string, string> & { status?: number };
  payload: P;
}

export interface StoredFile {
  id: string;
  name: string;
  size: number;
  sha256: string;
  source: 'upload' | 'galileo' | 'stream' | 'upload_api';
  createdAt: string;
}

/**
 * A refused request or a stream that ended badly: `code` is the status's name (see STATUS), or, for a closed
 * connection, SHUTTING_DOWN, IDLE_TIMEOUT, NOT_READING, TOO_MANY_CONNECTIONS, UNAUTHORIZED, INTERNAL_ERROR.
 * A paused stream (status 5 taken in part, 8) carries `streamKey` and `offset`.
 */
export class StreamError extends WsIngestError {
  readonly status?: number;
  readonly packet?: Packet;
  readonly streamKey?: string;
  readonly offset?: number;
  static fromPacket(packet: Packet): StreamError;
}

export const STREAM_CLOSE_ERRORS: ErrorCatalogue;

export interface StreamClientOptions extends AnsweringServerOptions {
  getToken: GetToken;
  retry?: RetryOptions;
  /** Packets that answer no request of this client (status 3, 10, 11 before a close). */
  onPacket?: (packet: Packet) => void;
}

export interface StreamUploadOptions {
  format?: 'bytes' | 'text' | 'json';
  /** A File's own name by default. */
  fileName?: string;
  /** The largest binary message to offer (default 65536); the server may agree on less. */
  bufferBytes?: number;
  /** Resume a stream an earlier page or process left (its key from `onStreamKey`). */
  streamKey?: string;
  /** The stream's key as soon as the server gives it: keep it to resume after a reload. */
  onStreamKey?: (key: string) => void;
  onProgress?: (progress: { sent: number; total: number }) => void;
  onRetry?: (error: Error, delayMs: number) => void;
  retry?: RetryOptions;
  /** Stops the upload (AbortedError): the connection closes, and the stream stays resumable by its key. */
  signal?: AbortSignal;
}

export class StreamClient {
  constructor(options: StreamClientOptions);
  /** Sends a request; resolves with the response when its status is 0, rejects with StreamError otherwise. */
  request<P = unknown>(headers: Record<string, string>, payload?: unknown): Promise<Packet<P>>;
  files(): Promise<StoredFile[]>;
  sendInline(content: Uint8Array | string | unknown, options?: { format?: 'bytes' | 'text' | 'json'; fileName?: string }):
    Promise<StoredFile>;
  /** Streams a file, resuming by its key after broken connections; resolves with the stored file. */
  upload(file: Blob, options?: StreamUploadOptions): Promise<StoredFile>;
  abandon(streamKey: string): Promise<Packet>;
  close(): Promise<{ code: number; reason: string }> | undefined;
}
