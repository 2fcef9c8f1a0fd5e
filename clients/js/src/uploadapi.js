/**
 * Protocol D, Upload API (`/ws/core/upload/`): commands answered as promises, events to callbacks, OCR text as it
 * grows, and a socket that reconnects and recovers the events it missed (`subscribe` with `since` and `epoch`).
 * See docs/protocol-d-upload-api.md.
 */
import { backoffDelay, sleep, withRetries } from './backoff.js';
import { ErrorCatalogue, WsIngestError, closeError } from './errors.js';
import { Replies } from './replies.js';
import { Connection, resolveToken, socketUrl } from './socket.js';

/**
 * A command the server refused (`code` `COMMAND_REFUSED` or, for a message it could not read, `INVALID_MESSAGE`,
 * with `errors`: field name → message, as the server sent them), an OCR job that ended in `error` (`OCR_FAILED`), or
 * the socket's close.
 */
export class UploadApiError extends WsIngestError {
  constructor(code, message, details = {}) {
    super(code, message, details);
    this.errors = details.errors ?? {};
    this.reply = details.reply;
  }
}

/** The close codes of the protocol page. */
export const UPLOAD_API_CLOSE_ERRORS = new ErrorCatalogue([
  { code: 'UNAUTHORIZED', match: '', closeCode: 4401 },
  { code: 'NOT_FOUND', match: '', closeCode: 4403 },
  { code: 'TOO_MANY_CONNECTIONS', match: '', closeCode: 4429 },
  { code: 'SHUTTING_DOWN', match: 'Server shutting down', retryable: true },
  { code: 'IDLE_TIMEOUT', match: 'idle timeout', retryable: true },
  // Recovery brings back what the slow socket lost.
  { code: 'NOT_READING', match: 'too many messages waiting', retryable: true },
  { code: 'MESSAGE_TOO_LARGE', match: 'Buffer overflow' },
  { code: 'INTERNAL_ERROR', match: 'internal error', retryable: true },
], 'UNKNOWN');

const failure = (close) => closeError(UploadApiError, UPLOAD_API_CLOSE_ERRORS, close);

/** OCR progress events kept per upload, so a text followed right after `create` misses none of its events. */
const RECENT_UPLOADS = 100;

/** A Blob as a data URL, which `image_base64` accepts as it is. */
async function dataUrl(blob) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${blob.type || 'application/octet-stream'};base64,${btoa(text)}`;
}

/** The upload's OCR state from either shape the server sends: a progress event or an `instance`. */
function ocrState(message) {
  const source = message.instance ?? message;
  return { id: source.id, status: source.status, text: source.streamed_text ?? source.raw_text ?? '',
           raw_text: source.raw_text ?? null, processed_text: source.processed_text ?? null,
           error: source.error ?? null };
}

/**
 * One user's Upload API socket (or one upload's, with `uploadId`), kept open: after a drop it reconnects with
 * back-off and catches up on the events it missed; when the server cannot replay them, `onResync` says to list again.
 */
export class UploadApiClient {
  /** @param {import('./uploadapi.js').UploadApiOptions} options */
  constructor(options = {}) {
    this.options = options;
    /** @type {{epoch: string, seq: number} | null} where the user's event stream stands, for recovery */
    this.position = null;
    this.current = null;
    this.closing = false;
    this.watchers = new Map();
    this.recent = new Map();
  }

  /** Opens the socket (with retries); resolves with the `subscribed` reply. */
  connect() {
    this.closing = false;
    return withRetries(() => this.open(), { ...this.options.retry, onRetry: this.options.onRetry });
  }

  async open() {
    const path = this.options.uploadId ? `ws/core/upload/${encodeURIComponent(this.options.uploadId)}/`
                                       : 'ws/core/upload/';
    const connection = await Connection.open(socketUrl(this.options.server, path),
      { token: await resolveToken(this.options.getToken), WebSocket: this.options.WebSocket,
        firstReplyMs: this.options.firstReplyMs });
    const replies = new Replies();
    connection.listen((data) => this.receive(replies, JSON.parse(data)));
    const current = { connection, replies, subscribed: false };
    this.current = current;
    connection.closed.then((close) => this.closedWith(current, failure(close)));
    // The first message: until it is answered the server holds the socket's events, so the replay joins them exactly.
    const reply = await this.send(this.position ? { type: 'subscribe', since: this.position.seq,
                                                    epoch: this.position.epoch }
                                                : { type: 'subscribe' });
    const resync = this.position !== null && reply.recovered !== true;
    this.position = { epoch: reply.epoch, seq: reply.seq };
    current.subscribed = true;
    // A drop during the resync reconnects and resyncs again; anything else is the caller's to hear.
    if (resync) this.resync().catch((error) => { if (!error.retryable) this.options.onClose?.(error); });
    return reply;
  }

  receive(replies, message) {
    if (message.seq !== undefined && this.position) this.position.seq = Math.max(this.position.seq, message.seq);
    if (replies.isOurs(message.request_id)) {
      replies.deliver(message.request_id, message);
      return;
    }
    if (message.type === 'Upload.status' || message.instance) this.track(ocrState(message));
    this.options.onEvent?.(message);
  }

  /** Hands an upload's latest OCR state to whoever follows it. */
  track(state) {
    this.recent.delete(state.id);
    this.recent.set(state.id, state);
    if (this.recent.size > RECENT_UPLOADS) this.recent.delete(this.recent.keys().next().value);
    this.watchers.get(state.id)?.forEach((watch) => watch(state));
  }

  /** After missed events could not be replayed: the uploads followed are read again, and the caller is told. */
  async resync() {
    for (const id of [...this.watchers.keys()]) {
      try {
        const { instance } = await this.retrieve(id);
        this.track(ocrState({ instance }));
      } catch (error) {
        if (error.code !== 'COMMAND_REFUSED') throw error;
        this.track({ id, status: 'error', text: '', raw_text: null, processed_text: null, error: error.message });
      }
    }
    this.options.onResync?.();
  }

  closedWith({ replies, subscribed }, error) {
    replies.failAll(error);
    // A socket that never subscribed failed inside connect(), whose retries handle it.
    if (this.closing || !subscribed) return;
    if (!error.retryable) {
      this.options.onClose?.(error);
      return;
    }
    // Not at once: sockets dropped together (a redeploy) come back spread over the first back-off.
    sleep(backoffDelay(1, this.options.retry))
      .then(() => (this.closing ? null : this.connect()))
      .catch((final) => this.options.onClose?.(final));
  }

  /**
   * Sends a command; resolves with its reply, or rejects with an UploadApiError when the server refused it.
   *
   * @param {{type: string} & Record<string, unknown>} command
   */
  async send(command) {
    if (!this.current) throw new UploadApiError('NOT_CONNECTED', 'connect() first');
    // On a closed socket the reply never comes: `expect` rejects with the close's error.
    const { connection, replies } = this.current;
    const id = replies.nextId();
    const reply = replies.expect(id);
    connection.sendJson({ ...command, request_id: id });
    const answer = await reply;
    if (answer.error) {
      const code = answer.type === 'error' ? 'INVALID_MESSAGE' : 'COMMAND_REFUSED';
      const text = Object.entries(answer.error).map(([field, message]) => `${field}: ${message}`).join('; ');
      throw new UploadApiError(code, text, { errors: answer.error, reply: answer });
    }
    return answer;
  }

  /**
   * Creates an upload from a Blob (sent as base64), a server-side path or content the user stored before.
   *
   * @param {Blob | {image_path: string} | {image_hash: string}} source
   * @returns {Promise<{instance: object, duplicate: boolean}>}
   */
  async create(source) {
    const data = typeof source?.arrayBuffer === 'function' ? { image_base64: await dataUrl(source) } : source;
    return this.send({ type: 'create', data });
  }

  list({ offset, limit } = {}) {
    const paging = offset === undefined && limit === undefined ? {} : { offset: offset ?? 0, limit: limit ?? 50 };
    return this.send({ type: 'list', ...paging });
  }

  retrieve(id) {
    return this.send({ type: 'retrieve', instance_id: id });
  }

  update(id, data) {
    return this.send({ type: 'update', instance_id: id, data });
  }

  /** Sets the corrected text of a processed upload. */
  correct(id, text) {
    return this.update(id, { processed_text: text });
  }

  /** Runs OCR again (after an error such as a full queue). */
  retry(id) {
    return this.update(id, { status: 'pending' });
  }

  remove(id) {
    return this.send({ type: 'delete', instance_id: id });
  }

  /**
   * Follows one upload's OCR: `onText` gets the text so far each time it grows. Resolves with the final state once it
   * is `processed`, rejects with `OCR_FAILED` once it is `error`.
   */
  readText(id, onText) {
    return new Promise((resolve, reject) => {
      const watch = (state) => {
        if (state.status === 'processing' || state.status === 'processed') onText?.(state.text, state);
        if (state.status !== 'processed' && state.status !== 'error') return;
        this.watchers.get(id)?.delete(watch);
        if (!this.watchers.get(id)?.size) this.watchers.delete(id);
        if (state.status === 'processed') resolve(state);
        else reject(new UploadApiError('OCR_FAILED', state.error ?? 'OCR failed'));
      };
      this.watchers.set(id, (this.watchers.get(id) ?? new Set()).add(watch));
      const known = this.recent.get(id);
      if (known) watch(known);
    });
  }

  /** Creates an upload and follows its OCR text (see `readText`). A duplicate that was processed resolves at once. */
  async createAndRead(source, onText) {
    const { instance } = await this.create(source);
    // Events that came with the reply are newer than it.
    if (!this.recent.has(instance.id)) this.track(ocrState({ instance }));
    return { instance, ...(await this.readText(instance.id, onText)) };
  }

  close() {
    this.closing = true;
    return this.current?.connection.close();
  }
}
