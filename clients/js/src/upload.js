/**
 * Protocol A, resumable upload (`/ws/Upload`): a File or Blob into a project, resumed from the server's durable offset
 * after a broken connection, a pause, a server restart or a page reload. See docs/protocol-a-resumable-upload.md.
 */
import { withRetries } from './backoff.js';
import { AbortedError, ErrorCatalogue, WsIngestError, closeError } from './errors.js';
import { Connection, httpUrl, resolveToken, socketUrl } from './socket.js';

/** A data message's header: offset int64, count int16. */
export const HEADER_BYTES = 10;

/** How many data messages may wait in the socket's send buffer. */
const MESSAGES_AHEAD = 16;

/** The close code this client pauses with: not 1000, which would complete an upload of unknown size. */
const PAUSE_CLOSE = 4000;

export class UploadError extends WsIngestError {}

/** Every close reason of the protocol page, in the order they are told apart. */
export const UPLOAD_ERRORS = new ErrorCatalogue([
  // getToken() gives a fresh token on the next connection.
  { code: 'UNAUTHORIZED', match: 'Unauthorized: token expired', retryable: true },
  { code: 'UNAUTHORIZED', match: 'Unauthorized:' },
  { code: 'TOO_MANY_CONNECTIONS', match: 'Too many connections' },
  { code: 'PROJECT_ID_MISSING', match: 'Project id not set' },
  { code: 'INVALID_SAVE_MEDIA', match: 'saveMedia must be true or false' },
  { code: 'NO_ACCESS', match: 'Project does not exist or user does not have access to it' },
  { code: 'SHUTTING_DOWN', match: 'Server shutting down', retryable: true },
  { code: 'CHANNEL_BUSY', match: /^Error: 'Channel .* is already being published'/ },
  { code: 'ALREADY_COMPLETED', match: 'Cannot upload, already completed' },
  { code: 'SAVE_MEDIA_MISMATCH', match: 'Upload was started with saveMedia=' },
  { code: 'CANNOT_RESTART', match: 'Upload cannot be restarted' },
  // The chain changed between the offer and the answer: the next connection gets a new offer.
  { code: 'NOT_CONTINUOUS', match: 'To restore upload, transfer has to be continuous', retryable: true },
  { code: 'RESTORE_TIMED_OUT', match: 'Upload cannot be restored, restore timed out' },
  { code: 'FILE_TOO_LARGE', match: 'File too large' },
  { code: 'QUOTA_EXCEEDED', match: 'Storage quota exceeded' },
  { code: 'INVALID_FILE_STATE_INFO', match: 'Invalid FileStateInfo' },
  { code: 'IDLE_TIMEOUT', match: 'Connection timeouted', retryable: true },
  { code: 'MESSAGE_TOO_LARGE', match: 'Message does not fit' },
  { code: 'DATA_NOT_CONTINUOUS', match: 'Transfer has to be continuous', retryable: true },
  { code: 'INVALID_DATA_SIZE', match: 'Invalid value of data size' },
  { code: 'TAKEN_OVER', match: 'Upload reconnected during receiving data from last websocket' },
  { code: 'UPLOAD_FINISHED', match: 'Attempt to write to completed upload' },
  { code: 'DATA_MISSING', match: "Error: 'The uploaded data is missing on the server'" },
  { code: 'STORAGE_FULL', match: "Error: 'The server's storage is full", retryable: true },
  { code: 'BUSY_ELSEWHERE', match: "Error: 'The upload is in progress on another server", retryable: true },
  { code: 'SERVER_ERROR', match: 'Error: ', retryable: true },
  { code: 'UNEXPECTED_TEXT', match: 'Unexpected text message' },
], 'UNKNOWN');

const failure = (close) => closeError(UploadError, UPLOAD_ERRORS, close);

/**
 * A data message: offset and count (little-endian unless the server is set to big-endian), then the bytes.
 *
 * @param {number} offset
 * @param {ArrayBuffer | Uint8Array} bytes
 * @param {boolean} [littleEndian]
 */
export function encodeDataMessage(offset, bytes, littleEndian = true) {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const message = new Uint8Array(HEADER_BYTES + data.byteLength);
  const view = new DataView(message.buffer);
  view.setBigInt64(0, BigInt(offset), littleEndian);
  view.setInt16(8, data.byteLength, littleEndian);
  message.set(data, HEADER_BYTES);
  return message;
}

/** What a page keeps in localStorage to know, after a reload, which file the project's interrupted upload is. */
function storageKey(server, projectId) {
  return `ws-ingest:upload:${httpUrl(server, '/')}:${projectId}`;
}

function defaultStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // a browser that refuses storage (privacy settings, sandboxed frames)
  }
}

/**
 * One file's upload into a project. `start()` runs it until the server has stored it, reconnecting with back-off
 * and resuming from the server's offset; `pause()` stops it (resume with `start()`), `cancel()` destroys the
 * project's upload chain.
 */
export class ResumableUpload {
  /**
   * @param {Blob} file
   * @param {import('./upload.js').ResumableUploadOptions} options
   */
  constructor(file, options) {
    if (!options?.projectId) throw new UploadError('PROJECT_ID_MISSING', 'projectId is required');
    this.file = file;
    this.options = options;
    this.name = options.name ?? file.name;
    if (!this.name) throw new UploadError('INVALID_FILE_STATE_INFO', 'a Blob needs a name: pass the name option');
    this.storage = options.storage === undefined ? defaultStorage() : options.storage;
    this.state = 'idle';
    this.sent = 0;
    this.stored = 0;
    this.connection = null;
    this.stopping = null;
    /** Why the caller stopped the upload (PAUSED, CANCELLED); kept here, as AbortSignal.reason is recent. */
    this.stoppedBy = null;
  }

  /** The file a page left interrupted in this project (name, size, lastModified), or null. */
  static pending({ server, projectId, storage = defaultStorage() }) {
    const saved = storage?.getItem(storageKey(server, projectId));
    return saved ? JSON.parse(saved) : null;
  }

  /**
   * Uploads until the server has stored the file. Rejects with an UploadError the server gave, with a
   * ConnectionError once the retries are spent, or with an AbortedError (`PAUSED`, `CANCELLED`).
   */
  async start() {
    if (this.state === 'uploading') throw new UploadError('ALREADY_RUNNING', 'the upload is running');
    if (this.state === 'completed') return;
    this.state = 'uploading';
    this.stopping = new AbortController();
    this.stoppedBy = null;
    this.remember();
    try {
      await withRetries((madeProgress) => this.connectAndSend(madeProgress),
                        { ...this.options.retry, signal: this.stopping.signal, onRetry: this.options.onRetry });
      this.state = 'completed';
      this.forget();
    } catch (error) {
      const stopped = this.stoppedBy;
      this.state = stopped ? stopped.code.toLowerCase() : 'failed';
      throw stopped ?? error;
    } finally {
      this.connection = null;
    }
  }

  /** Stops sending; `start()` rejects with AbortedError `PAUSED`, and continues the upload when called again. */
  pause() {
    this.stop(new AbortedError('PAUSED', 'the upload was paused'));
  }

  /** Stops the upload and destroys the project's upload chain on the server (its data is deleted). */
  async cancel() {
    this.stop(new AbortedError('CANCELLED', 'the upload was cancelled'));
    await this.connection?.closed;
    const fetchFunction = this.options.fetch ?? globalThis.fetch;
    const response = await fetchFunction(
      httpUrl(this.options.server, `api/projects/${encodeURIComponent(this.options.projectId)}/upload`),
      { method: 'DELETE', headers: { Authorization: `Bearer ${await resolveToken(this.options.getToken)}` } });
    if (!response.ok && response.status !== 404) {
      throw new UploadError('CANCEL_FAILED', `destroying the upload failed: HTTP ${response.status}`);
    }
    this.state = 'cancelled';
    this.forget();
  }

  stop(reason) {
    if (this.state !== 'uploading') {
      this.state = reason.code.toLowerCase();
      return;
    }
    this.stoppedBy = reason;
    this.stopping.abort();
    this.connection?.close(PAUSE_CLOSE, reason.code.toLowerCase());
  }

  /** One connection: handshake, data from the offset the server accepted, until it closes. */
  async connectAndSend(madeProgress) {
    const { server, projectId, saveMedia = true, WebSocket } = this.options;
    const query = new URLSearchParams({ id: projectId, saveMedia: String(saveMedia) });
    const connection = await Connection.open(socketUrl(server, `ws/Upload?${query}`),
                                             { token: await resolveToken(this.options.getToken), WebSocket,
                                               firstReplyMs: this.options.firstReplyMs });
    this.connection = connection;
    if (this.stoppedBy) connection.close(PAUSE_CLOSE, this.stoppedBy.code.toLowerCase());

    const offer = JSON.parse(await connection.next(failure));
    const offset = this.offsetToContinue(offer);
    connection.sendJson({ ...offer, FileName: this.name, TotalFileSize: this.file.size, CurrentFileOffset: offset });
    // The first heartbeat accepts the answer: data may flow from the offset it holds.
    this.report(Number(await connection.next(failure)), madeProgress);
    connection.listen((heartbeat) => this.report(Number(heartbeat), madeProgress));

    const chunkBytes = offer.BufferSize - HEADER_BYTES;
    for (this.sent = offset; this.sent < this.file.size && connection.isOpen;) {
      const end = Math.min(this.sent + chunkBytes, this.file.size);
      const bytes = await this.file.slice(this.sent, end).arrayBuffer();
      if (!connection.send(encodeDataMessage(this.sent, bytes, this.options.littleEndian ?? true))) break;
      this.sent = end;
      this.options.onProgress?.(this.progress());
      await connection.drain(MESSAGES_AHEAD * offer.BufferSize);
    }
    const close = await connection.closed;
    if (this.stoppedBy) throw this.stoppedBy;
    if (close.code !== 1000 || this.stored !== this.file.size) throw failure(close);
  }

  /**
   * The offset to answer the server's FileStateInfo with: where the project's upload stands if it is this file's,
   * 0 for a new one.
   */
  offsetToContinue(offer) {
    if (!offer.IsInitialized) return 0;
    if (offer.TotalFileSize !== this.file.size || !this.isThisFile(offer.FileName)) {
      throw new UploadError('OTHER_UPLOAD',
        `the project has another upload in progress (${offer.FileName}, ${offer.TotalFileSize} bytes): `
        + 'finish it, or cancel it to start this one');
    }
    return offer.CurrentFileOffset;
  }

  /** The server keeps a safe form of the name (no directories, no control characters): compare what survives. */
  isThisFile(offeredName) {
    const safe = (name) => String(name ?? '').split(/[/\\]/).pop().replace(/\p{C}/gu, '').trim();
    return safe(offeredName) === safe(this.name);
  }

  report(stored, madeProgress) {
    if (stored > this.stored) madeProgress();
    this.stored = stored;
    this.options.onProgress?.(this.progress());
  }

  progress() {
    return { sent: this.sent, stored: this.stored, total: this.file.size };
  }

  remember() {
    this.storage?.setItem(storageKey(this.options.server, this.options.projectId), JSON.stringify(
      { name: this.name, size: this.file.size, lastModified: this.file.lastModified ?? null }));
  }

  forget() {
    this.storage?.removeItem(storageKey(this.options.server, this.options.projectId));
  }
}

/** Uploads a file into a project: `new ResumableUpload(file, options).start()`. */
export function uploadFile(file, options) {
  return new ResumableUpload(file, options).start();
}
