/**
 * Protocol C, Stream Requests (`/ws/stream`): request packets answered by response packets with the same
 * `x-request-id`, and streamed uploads that resume by their key after a broken connection.
 * See docs/protocol-c-stream-requests.md.
 */
import { withRetries } from './backoff.js';
import { AbortedError, ErrorCatalogue, WsIngestError, closeError } from './errors.js';
import { Replies } from './replies.js';
import { Connection, resolveToken, socketUrl } from './socket.js';

/** The `status` of a response packet, by name. */
export const STATUS = Object.freeze({
  OK: 0,
  BAD_PACKET: 1,
  UNKNOWN_ROUTE: 2,
  UNAUTHORIZED: 3,
  STREAM_REFUSED: 4,
  STORAGE_EXHAUSTED: 5,
  FORMAT_CHECK_FAILED: 6,
  UNKNOWN_STREAM_KEY: 7,
  STREAM_DATA_ERROR: 8,
  INTERNAL_ERROR: 9,
  TOO_MANY_CONNECTIONS: 10,
  SHUTTING_DOWN: 11,
});

const STATUS_NAMES = Object.fromEntries(Object.entries(STATUS).map(([name, status]) => [status, name]));

/** The largest binary message this client offers to send; the server may agree on less. */
const DEFAULT_BUFFER = 65536;

/** How many buffers may wait in the socket's send buffer. */
const BUFFERS_AHEAD = 4;

/**
 * A request the server refused, or a stream that ended badly: `code` is the status's name, `status` its number,
 * `packet` the response. A stream the server paused (status 5 taken in part, or 8) keeps its data: `streamKey` and
 * `offset` say how to resume it.
 */
export class StreamError extends WsIngestError {
  constructor(code, message, details = {}) {
    super(code, message, details);
    this.status = details.packet ? details.packet.headers.status : undefined;
    this.packet = details.packet;
    this.streamKey = details.packet?.headers['x-stream-key'];
    const offset = details.packet?.headers['x-stream-offset'];
    this.offset = offset === undefined ? undefined : Number(offset);
  }

  static fromPacket(packet) {
    const { status, error } = packet.headers;
    // A server that shuts down, or fails, leaves a stream resumable: the next connection resumes it by its key.
    const retryable = status === STATUS.SHUTTING_DOWN || status === STATUS.INTERNAL_ERROR
      || (status === STATUS.STREAM_DATA_ERROR && packet.headers['x-stream-offset'] !== undefined);
    return new StreamError(STATUS_NAMES[status] ?? 'UNKNOWN', `status ${status}: ${error ?? ''}`,
                           { packet, retryable });
  }
}

/** The reasons the server closes a connection with (the status packet before some of them says the same). */
export const STREAM_CLOSE_ERRORS = new ErrorCatalogue([
  { code: 'SHUTTING_DOWN', match: 'Server shutting down', retryable: true },
  { code: 'IDLE_TIMEOUT', match: 'idle timeout', retryable: true },
  { code: 'NOT_READING', match: 'replies not read' },
  { code: 'TOO_MANY_CONNECTIONS', match: 'too many connections' },
  { code: 'UNAUTHORIZED', match: 'token expired', retryable: true },
  { code: 'INTERNAL_ERROR', match: 'internal error', retryable: true },
  { code: 'UNAUTHORIZED', match: '', closeCode: 1008 }, // missing token, invalid signature, …
], 'UNKNOWN');

const failure = (close) => closeError(StreamError, STREAM_CLOSE_ERRORS, close);

/** Base64 of bytes, for a file sent inline. */
function base64(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/**
 * A client of `/ws/stream`: one connection at a time, opened when a request needs it and again after it broke.
 */
export class StreamClient {
  /** @param {import('./stream.js').StreamClientOptions} options */
  constructor(options = {}) {
    this.options = options;
    this.current = null;
  }

  /** The open connection, or a new one. */
  async connection() {
    if (this.current?.connection.isOpen) return this.current;
    const connection = await Connection.open(socketUrl(this.options.server, 'ws/stream'),
      { token: await resolveToken(this.options.getToken), WebSocket: this.options.WebSocket,
        firstReplyMs: this.options.firstReplyMs });
    const replies = new Replies();
    connection.listen((message) => {
      if (typeof message !== 'string') return;
      const packet = JSON.parse(message);
      const id = packet.headers?.['x-request-id'];
      if (replies.isOurs(id)) replies.deliver(id, packet);
      else this.options.onPacket?.(packet); // unasked: status 3, 10 or 11 without a stream
    });
    connection.closed.then((close) => replies.failAll(failure(close)));
    this.current = { connection, replies };
    return this.current;
  }

  /**
   * Sends a request packet; resolves with the response packet when its status is 0, rejects with a StreamError
   * otherwise.
   *
   * @param {Record<string, string>} headers `route` and any others
   * @param {unknown} [payload]
   */
  async request(headers, payload = null) {
    const { connection, replies } = await this.connection();
    const id = replies.nextId();
    const response = replies.expect(id);
    connection.sendJson({ headers: { ...headers, 'x-request-id': id }, payload });
    return succeeded(await response);
  }

  /** The user's stored files, newest first, whichever protocol stored them. */
  async files() {
    return (await this.request({ route: '/files' })).payload;
  }

  /**
   * Stores a small file sent whole in the request (at most the server's `inline-max-bytes`, 32 KiB by default).
   *
   * @param {Uint8Array | string | unknown} content bytes for `bytes`, a string for `text`, any JSON value for `json`
   */
  async sendInline(content, { format = 'bytes', fileName } = {}) {
    const headers = { route: '/upload-file', 'data-format': format };
    if (fileName) headers['file-name'] = fileName;
    return (await this.request(headers, format === 'bytes' ? base64(content) : content)).payload;
  }

  /**
   * Streams a file; resolves with the stored file. A broken connection is reopened with back-off and the stream
   * resumed by its key from the offset the server holds.
   *
   * @param {Blob} file
   * @param {import('./stream.js').StreamUploadOptions} [options]
   */
  upload(file, options = {}) {
    let key = options.streamKey ?? null;
    let held = 0;
    return withRetries(async (madeProgress) => {
      const { connection, replies } = await this.connection();
      const id = replies.nextId();
      const headers = { route: '/upload-file', 'x-stream': `${file.size}:${options.bufferBytes ?? DEFAULT_BUFFER}`,
                        'data-format': options.format ?? 'bytes', 'x-request-id': id };
      const fileName = options.fileName ?? file.name;
      if (fileName) headers['file-name'] = fileName;
      if (key) headers['x-stream-key'] = key;
      const answer = replies.expect(id);
      connection.sendJson({ headers, payload: null });
      const accepted = succeeded(await answer);
      key = accepted.headers['x-stream-key'];
      options.onStreamKey?.(key);
      // n:buffer: the server takes the first n bytes now, all of them when n is 0.
      const [taken, buffer] = accepted.headers['x-stream'].split(':').map(Number);
      let offset = Number(accepted.headers['x-stream-offset'] ?? 0);
      if (offset > held) madeProgress();
      held = offset;

      const final = replies.expect(id);
      let ended = false;
      final.then(() => { ended = true; }, () => { ended = true; });
      const until = taken > 0 ? taken : file.size;
      while (offset < until && !ended) {
        if (options.signal?.aborted) {
          // Closing the connection pauses the stream on the server; it resumes later by its key.
          connection.close();
          throw new AbortedError();
        }
        const end = Math.min(offset + buffer, until);
        if (!connection.send(await file.slice(offset, end).arrayBuffer())) break;
        offset = end;
        options.onProgress?.({ sent: offset, total: file.size });
        await connection.drain(BUFFERS_AHEAD * buffer);
      }
      return succeeded(await final).payload;
    }, { ...this.options.retry, ...options.retry, signal: options.signal, onRetry: options.onRetry });
  }

  /** Gives a stream up: the server deletes its data at once. */
  abandon(streamKey) {
    return this.request({ route: '/upload-file', 'x-stream-key': streamKey, 'x-stream': '-1' });
  }

  close() {
    return this.current?.connection.close();
  }
}

function succeeded(packet) {
  if (packet.headers.status !== STATUS.OK) throw StreamError.fromPacket(packet);
  return packet;
}
