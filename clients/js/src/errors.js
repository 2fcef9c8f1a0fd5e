/**
 * Errors of every protocol. Each carries a `code` (a constant string the caller switches on) and whether trying again
 * may succeed (`retryable`); errors that end a connection also carry the close code and reason the server sent.
 */
export class WsIngestError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {{closeCode?: number, reason?: string, retryable?: boolean, cause?: unknown}} [details]
   */
  constructor(code, message, { closeCode, reason, retryable = false, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.code = code;
    this.closeCode = closeCode;
    this.reason = reason;
    this.retryable = retryable;
  }
}

/** The connection could not be opened, or ended without a close the protocol defines (1006, a network drop). */
export class ConnectionError extends WsIngestError {
  constructor(message, details = {}) {
    super('CONNECTION_LOST', message, { retryable: true, ...details });
  }
}

/** The caller stopped the operation: `pause()`, `cancel()` or an aborted signal. */
export class AbortedError extends WsIngestError {
  constructor(code = 'ABORTED', message = 'the operation was stopped') {
    super(code, message);
  }
}

/**
 * One protocol's catalogue of documented errors: entries matched against a close reason or an error text, in order.
 * A `match` string matches a text that starts with it; a RegExp is tested. Entries may also name the close code, for
 * texts (such as `Server shutting down`) that mean different things under different codes.
 *
 * @typedef {{code: string, match: string | RegExp, closeCode?: number, retryable?: boolean}} CatalogueEntry
 */
export class ErrorCatalogue {
  /**
   * @param {CatalogueEntry[]} entries
   * @param {string} fallbackCode the code of a text the catalogue does not know
   */
  constructor(entries, fallbackCode) {
    this.entries = entries;
    this.fallbackCode = fallbackCode;
  }

  /** @returns {{code: string, retryable: boolean}} */
  classify(text, closeCode) {
    const entry = this.entries.find((candidate) =>
      (candidate.closeCode === undefined || candidate.closeCode === closeCode) &&
      (typeof candidate.match === 'string' ? text.startsWith(candidate.match) : candidate.match.test(text)));
    return entry ? { code: entry.code, retryable: entry.retryable ?? false }
                 : { code: this.fallbackCode, retryable: false };
  }
}

/** Close codes a broken connection reports instead of a close the server sent. */
const DROPPED = new Set([1005, 1006]);

/**
 * The error for a connection the server (or the network) closed, by the protocol's catalogue.
 *
 * @template {WsIngestError} E
 * @param {new (code: string, message: string, details: object) => E} ErrorClass
 * @param {ErrorCatalogue} catalogue
 * @param {{code: number, reason: string}} close
 * @returns {E | ConnectionError}
 */
export function closeError(ErrorClass, catalogue, { code, reason }) {
  if (DROPPED.has(code)) {
    return new ConnectionError(`connection lost (${code})`, { closeCode: code, reason });
  }
  const { code: errorCode, retryable } = catalogue.classify(reason, code);
  return new ErrorClass(errorCode, reason ? `${code} ${reason}` : `closed with ${code}`,
                        { closeCode: code, reason, retryable });
}
