import type { RetryOptions } from './backoff.js';
import { ErrorCatalogue, WsIngestError } from './errors.js';
import type { AnsweringServerOptions, GetToken } from './socket.js';

export const HEADER_BYTES: 10;

/**
 * Codes: UNAUTHORIZED, TOO_MANY_CONNECTIONS, PROJECT_ID_MISSING, INVALID_SAVE_MEDIA, NO_ACCESS, SHUTTING_DOWN,
 * CHANNEL_BUSY, ALREADY_COMPLETED, SAVE_MEDIA_MISMATCH, CANNOT_RESTART, NOT_CONTINUOUS, RESTORE_TIMED_OUT,
 * FILE_TOO_LARGE, QUOTA_EXCEEDED, INVALID_FILE_STATE_INFO, IDLE_TIMEOUT, MESSAGE_TOO_LARGE, DATA_NOT_CONTINUOUS,
 * INVALID_DATA_SIZE, TAKEN_OVER, UPLOAD_FINISHED, DATA_MISSING, STORAGE_FULL, BUSY_ELSEWHERE, SERVER_ERROR,
 * UNEXPECTED_TEXT, UNKNOWN; and, from this client, OTHER_UPLOAD (the project holds another file's upload),
 * ALREADY_RUNNING, CANCEL_FAILED.
 */
export class UploadError extends WsIngestError {}

export const UPLOAD_ERRORS: ErrorCatalogue;

/** A data message: offset int64 and count int16 (little-endian by default), then the bytes. */
export function encodeDataMessage(offset: number, bytes: ArrayBuffer | Uint8Array, littleEndian?: boolean): Uint8Array;

export interface UploadProgress {
  /** Bytes handed to the socket. */
  sent: number;
  /** Bytes the server reported durably stored (its heartbeats). */
  stored: number;
  total: number;
}

export interface ResumableUploadOptions extends AnsweringServerOptions {
  projectId: string;
  getToken: GetToken;
  /** The file name; a File's own name by default (a Blob has none). */
  name?: string;
  /** false: a live stream relayed to the channel `project-{projectId}`, not kept. Default true. */
  saveMedia?: boolean;
  /** The server's `wsingest.upload.byte-order`; default true (little-endian). */
  littleEndian?: boolean;
  retry?: RetryOptions;
  onProgress?: (progress: UploadProgress) => void;
  onRetry?: (error: Error, delayMs: number) => void;
  /** Where the page remembers an interrupted upload; `localStorage` by default, null for none. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** For `cancel()`; the global fetch by default. */
  fetch?: typeof fetch;
}

export type UploadState = 'idle' | 'uploading' | 'paused' | 'completed' | 'failed' | 'cancelled';

export interface PendingUpload {
  name: string;
  size: number;
  lastModified: number | null;
}

export class ResumableUpload {
  constructor(file: Blob, options: ResumableUploadOptions);
  readonly state: UploadState;
  /** The file a page left interrupted in this project, kept in localStorage: ask the user to pick it again. */
  static pending(options: { server?: string | URL; projectId: string; storage?: ResumableUploadOptions['storage'] }):
    PendingUpload | null;
  /** Resolves once the server stored the file; rejects with UploadError, ConnectionError or AbortedError. */
  start(): Promise<void>;
  /** `start()` rejects with AbortedError `PAUSED`; call `start()` again to resume. */
  pause(): void;
  /** Stops and destroys the project's upload chain (`DELETE /api/projects/{id}/upload`). */
  cancel(): Promise<void>;
  progress(): UploadProgress;
}

export function uploadFile(file: Blob, options: ResumableUploadOptions): Promise<void>;
