/**
 * Protocol B, GalileoSend (`/ws/galileo`): one file per connection, each chunk asked for by a ready signal, the whole
 * file checked by its SHA-256. GalileoSend has no resume: a retry sends the file again from its first byte.
 * See docs/protocol-b-galileosend.md.
 */
import { withRetries } from './backoff.js';
import { AbortedError, ErrorCatalogue, WsIngestError, closeError } from './errors.js';
import { Connection, resolveToken, socketUrl } from './socket.js';

export class GalileoError extends WsIngestError {}

/** Every error text of the protocol page (fatal ones end the connection, others reject one message). */
export const GALILEO_ERRORS = new ErrorCatalogue([
  { code: 'UNAUTHORIZED', match: 'Unauthorized: token expired', retryable: true },
  { code: 'UNAUTHORIZED', match: 'Unauthorized:' },
  { code: 'FORBIDDEN', match: 'Forbidden:' },
  { code: 'TOO_MANY_CONNECTIONS', match: 'Too many connections' },
  { code: 'IDLE_TIMEOUT', match: 'Idle timeout', retryable: true },
  { code: 'NOT_READING', match: 'Not reading', retryable: true },
  { code: 'SHUTTING_DOWN', match: 'Server shutting down', retryable: true },
  { code: 'MALFORMED_SIGNAL', match: 'Malformed signal' },
  { code: 'UNKNOWN_SIGNAL', match: 'Unknown signal' },
  { code: 'INVALID_FINISHED', match: 'Invalid finished signal' },
  { code: 'UNEXPECTED_DATA', match: 'Unexpected file data' },
  { code: 'UNEXPECTED_FINISHED', match: 'Unexpected finished signal' },
  { code: 'SIGNAL_TOO_LONG', match: 'Signal too long' },
  { code: 'INVALID_METADATA', match: 'Invalid metadata' },
  { code: 'FILE_TOO_LARGE', match: 'File too large' },
  { code: 'QUOTA_EXCEEDED', match: 'Quota exceeded' },
  { code: 'UNEXPECTED_METADATA', match: 'Unexpected metadata' },
  { code: 'CHUNK_TOO_LARGE', match: 'Chunk too large' },
  { code: 'TOO_MUCH_DATA', match: 'Too much data' },
  { code: 'SIZE_MISMATCH', match: 'Expected: ' },
  { code: 'INVALID_HASH', match: 'Invalid hash' },
  { code: 'UNSUPPORTED_HASH', match: 'Unsupported hash type' },
  { code: 'HASH_MISMATCH', match: 'Hash mismatch' },
  { code: 'STORAGE_FULL', match: 'Storage full', retryable: true },
  { code: 'SERVER_ERROR', match: 'Server error', retryable: true },
], 'UNKNOWN');

/**
 * The SHA-256 of a Blob in lower-case hex, by WebCrypto. WebCrypto hashes a whole buffer at once, so the file is read
 * into memory: keep `hash` to files of modest size.
 */
export async function sha256Hex(blob, subtle = globalThis.crypto?.subtle) {
  if (!subtle) throw new GalileoError('NO_WEBCRYPTO', 'no crypto.subtle here: pass the subtle option');
  const digest = new Uint8Array(await subtle.digest('SHA-256', await blob.arrayBuffer()));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Uploads a file; resolves once the server has stored it (its close signal), with the SHA-256 sent, if any.
 *
 * @param {Blob} file
 * @param {import('./galileo.js').GalileoOptions} options
 * @returns {Promise<{sha256: string | null, warnings: string[]}>}
 */
export async function galileoSend(file, options) {
  const name = options.name ?? file.name;
  const sha256 = options.hash === false ? null : await sha256Hex(file, options.subtle);
  const query = options.project ? `?${new URLSearchParams({ project: options.project })}` : '';
  const url = socketUrl(options.server, `ws/galileo${query}`);
  return withRetries(async () => {
    const connection = await Connection.open(url, { token: await resolveToken(options.getToken),
                                                    WebSocket: options.WebSocket,
                                                    firstReplyMs: options.firstReplyMs });
    try {
      return { sha256, warnings: await exchange(connection, file, name, sha256, options) };
    } finally {
      connection.close();
    }
  }, { ...options.retry, signal: options.signal, onRetry: options.onRetry });
}

/** The signals of one upload, until the server's close signal. Returns the non-fatal errors the server sent. */
async function exchange(connection, file, name, sha256, { onProgress, signal: stop }) {
  let fatal = null;
  const failure = (close) => fatal ?? closeError(GalileoError, GALILEO_ERRORS, close);
  const warnings = [];
  connection.sendJson(name === undefined ? { size: file.size } : { name, size: file.size });
  let offset = 0;
  let allSent = false;
  for (;;) {
    const signal = JSON.parse(await connection.next(failure));
    if (signal.close) return warnings;
    if (signal.error !== undefined) {
      if (!signal.fatal) {
        warnings.push(signal.error);
        continue;
      }
      const { code, retryable } = GALILEO_ERRORS.classify(signal.error);
      fatal = new GalileoError(code, signal.error, { retryable });
      throw fatal;
    }
    if (!signal.ready) continue;
    if (stop?.aborted) throw new AbortedError(); // the connection closes, and the server discards the file
    if (allSent) {
      connection.sendJson(sha256 ? { finished: true, hash: { type: 'sha256', value: sha256 } } : { finished: true });
      continue;
    }
    const end = Math.min(offset + signal.chunksize, file.size);
    connection.send(await file.slice(offset, end).arrayBuffer()); // empty for an empty file: the end of file
    offset = end;
    allSent = offset === file.size;
    onProgress?.({ sent: offset, total: file.size });
  }
}
