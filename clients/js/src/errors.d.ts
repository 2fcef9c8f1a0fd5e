/** Every error of this library: `code` is a constant to switch on; `retryable` says whether trying again may help. */
export class WsIngestError extends Error {
  constructor(code: string, message: string, details?: ErrorDetails);
  readonly code: string;
  /** The close code, when the error ended a connection. */
  readonly closeCode?: number;
  /** The close reason (or, for protocol E, the `ERROR:` text) the server sent. */
  readonly reason?: string;
  readonly retryable: boolean;
}

export interface ErrorDetails {
  closeCode?: number;
  reason?: string;
  retryable?: boolean;
  cause?: unknown;
}

/** The connection could not be opened, or dropped without a close (1005, 1006). Code `CONNECTION_LOST`. */
export class ConnectionError extends WsIngestError {
  constructor(message: string, details?: ErrorDetails);
  readonly code: 'CONNECTION_LOST';
}

/** The caller stopped the operation. Codes `PAUSED`, `CANCELLED`, `ABORTED`. */
export class AbortedError extends WsIngestError {
  constructor(code?: 'PAUSED' | 'CANCELLED' | 'ABORTED', message?: string);
}

export interface CatalogueEntry {
  code: string;
  /** A text that starts with this string, or that the RegExp matches. */
  match: string | RegExp;
  /** Only under this close code. */
  closeCode?: number;
  retryable?: boolean;
}

/** One protocol's documented errors. */
export class ErrorCatalogue {
  constructor(entries: CatalogueEntry[], fallbackCode: string);
  classify(text: string, closeCode?: number): { code: string; retryable: boolean };
}

export function closeError<E extends WsIngestError>(
  ErrorClass: new (code: string, message: string, details: ErrorDetails) => E,
  catalogue: ErrorCatalogue,
  close: { code: number; reason: string },
): E | ConnectionError;
