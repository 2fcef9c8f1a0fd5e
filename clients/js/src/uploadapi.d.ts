import type { RetryOptions } from './backoff.js';
import { ErrorCatalogue, WsIngestError } from './errors.js';
import type { AnsweringServerOptions, GetToken } from './socket.js';

export type UploadStatus = 'pending' | 'processing' | 'processed' | 'error';

/** An upload as the server sends it (`instance`). */
export interface Upload {
  id: string;
  owner: string;
  status: UploadStatus;
  image_path: string | null;
  image_hash: string;
  content_type: string;
  size: number;
  created_at: string;
  updated_at: string;
  raw_text: string | null;
  processed_text: string | null;
  error: string | null;
}

/** An upload's OCR as `readText` follows it: `text` is the whole text so far. */
export interface OcrState {
  id: string;
  status: UploadStatus;
  text: string;
  raw_text: string | null;
  processed_text: string | null;
  error: string | null;
}

/** Any message the server sends without being asked: `type`, and `seq` when the history is on. */
export interface UploadEvent {
  type: string;
  seq?: number;
  instance?: Upload;
  id?: string;
  status?: UploadStatus;
  streamed_text?: string;
  raw_text?: string;
  processed_text?: string;
  error?: string;
}

/**
 * Codes: COMMAND_REFUSED and INVALID_MESSAGE (with `errors`, field → message, as the server sent them), OCR_FAILED,
 * NOT_CONNECTED; for a closed socket UNAUTHORIZED (4401), NOT_FOUND (4403), TOO_MANY_CONNECTIONS (4429),
 * SHUTTING_DOWN, IDLE_TIMEOUT, NOT_READING, MESSAGE_TOO_LARGE, INTERNAL_ERROR.
 */
export class UploadApiError extends WsIngestError {
  readonly errors: Record<string, string>;
  readonly reply?: unknown;
}

export const UPLOAD_API_CLOSE_ERRORS: ErrorCatalogue;

export interface UploadApiOptions extends AnsweringServerOptions {
  getToken: GetToken;
  /** A socket for one upload (`/ws/core/upload/{id}/`): only its events. */
  uploadId?: string;
  retry?: RetryOptions;
  /** Every event (also those replayed after a reconnect). */
  onEvent?: (event: UploadEvent) => void;
  /** After a reconnect whose missed events the server could not replay: list again. */
  onResync?: () => void;
  /** The socket closed for good (an error that reconnecting cannot cure, or the retries were spent). */
  onClose?: (error: Error) => void;
  onRetry?: (error: Error, delayMs: number) => void;
}

export interface Subscribed {
  type: 'subscribed';
  epoch?: string;
  seq?: number;
  recovered?: boolean;
  instance_id: string | null;
}

export class UploadApiClient {
  constructor(options: UploadApiOptions);
  /** Where the user's event stream stands (the highest seq seen); used to recover after a reconnect. */
  position: { epoch: string; seq: number } | null;
  connect(): Promise<Subscribed>;
  send<R = any>(command: { type: string; [key: string]: unknown }): Promise<R>;
  create(source: Blob | { image_path: string } | { image_hash: string }):
    Promise<{ type: 'Upload.created'; instance: Upload; duplicate: boolean }>;
  list(paging?: { offset?: number; limit?: number }):
    Promise<{ type: 'Upload.list'; list: Upload[]; total: number; offset?: number; limit?: number }>;
  retrieve(id: string): Promise<{ type: 'Upload.status'; instance: Upload }>;
  update(id: string, data: Partial<Upload>): Promise<{ type: 'Upload.updated'; instance: Upload }>;
  correct(id: string, text: string | null): Promise<{ type: 'Upload.updated'; instance: Upload }>;
  retry(id: string): Promise<{ type: 'Upload.updated'; instance: Upload }>;
  remove(id: string): Promise<{ type: 'Upload.deleted'; instance: Upload }>;
  /** Follows an upload's OCR; resolves when processed, rejects with OCR_FAILED on error. */
  readText(id: string, onText?: (text: string, state: OcrState) => void): Promise<OcrState>;
  createAndRead(source: Blob | { image_path: string } | { image_hash: string },
                onText?: (text: string, state: OcrState) => void): Promise<OcrState & { instance: Upload }>;
  close(): Promise<{ code: number; reason: string }> | undefined;
}
