/**
 * Protocol E, live streaming relay (`/{channel}/{key}/{kind}`): publish binary chunks to a channel, receive them, or
 * probe for one. The stream key in the path is the credential; there is no token. Heartbeats (`h`) are answered and
 * sent. See docs/protocol-e-live-streaming.md.
 */
import { ErrorCatalogue, WsIngestError, closeError } from './errors.js';
import { Connection, socketUrl } from './socket.js';

export class LiveError extends WsIngestError {}

/** The `ERROR: …` texts of the protocol page, and the server's shutdown. */
export const LIVE_ERRORS = new ErrorCatalogue([
  { code: 'INVALID_CHANNEL', match: 'Invalid channel' },
  { code: 'INVALID_KEY', match: 'Invalid key' },
  { code: 'INVALID_KIND', match: 'Invalid connection kind' },
  { code: 'TOO_MANY_CONNECTIONS', match: 'Too many connections' },
  { code: 'TOO_MANY_CHANNELS', match: 'Too many channels', retryable: true },
  { code: 'NOT_ALLOWED_TO_RECEIVE', match: 'Not allowed to receive' },
  { code: 'CHANNEL_RESERVED', match: 'Channel is reserved' },
  { code: 'CHANNEL_BUSY', match: 'Channel is already being published' },
  { code: 'NOT_A_CLUSTER_NODE', match: 'Not a cluster node' },
  { code: 'INVALID_STREAMING_KEY', match: 'Invalid streaming key' },
  { code: 'RECEIVER_TOO_SLOW', match: 'Receiver too slow', retryable: true },
  { code: 'CHUNK_TOO_LARGE', match: 'Chunk too large' },
  { code: 'SERVER_BUSY', match: 'Server busy', retryable: true },
  { code: 'IDLE_TIMEOUT', match: 'Idle timeout', retryable: true },
  { code: 'SHUTTING_DOWN', match: 'Server shutting down', retryable: true },
  { code: 'INTERNAL_ERROR', match: 'Internal error', retryable: true },
], 'UNKNOWN');

/** The closes that end a stream normally. */
const NORMAL_ENDS = new Set(['Stream ended', 'Probe complete']);

/** The relay's own heartbeat period; sending as often keeps the connection clear of its idle timeout. */
const HEARTBEAT_MS = 20_000;

/** How much a publisher lets wait in its socket before `send()` waits for the network. */
const PUBLISH_BUFFER_BYTES = 4 << 20;

/**
 * One connection to the relay: chunks to `onChunk`, heartbeats sent and ignored, and `ended`, which resolves with a
 * normal end (`Stream ended`, `Probe complete`, or the client's own close) and rejects with a LiveError otherwise.
 */
class LiveConnection {
  static async open(kind, { server, channel, key, WebSocket, heartbeatMs = HEARTBEAT_MS, onChunk }) {
    const path = `${encodeURIComponent(channel)}/${encodeURIComponent(key)}/${kind}`;
    // No deadline for a first message: a receiver waits for a publisher, a publisher hears nothing back.
    const connection = await Connection.open(socketUrl(server, path), { WebSocket, firstReplyMs: 0 });
    return new this(connection, heartbeatMs, onChunk);
  }

  constructor(connection, heartbeatMs, onChunk) {
    this.connection = connection;
    this.closedByClient = false;
    let error = null; // the ERROR text that comes before the close
    const heartbeat = setInterval(() => connection.send('h'), heartbeatMs);
    connection.listen((data) => {
      if (typeof data !== 'string') onChunk?.(data);
      else if (data.startsWith('ERROR: ')) error = data.slice('ERROR: '.length);
    });
    this.ended = connection.closed.then((close) => {
      clearInterval(heartbeat);
      if (this.closedByClient || (close.code === 1000 && NORMAL_ENDS.has(close.reason))) return close;
      throw closeError(LiveError, LIVE_ERRORS, error === null ? close : { ...close, reason: error });
    });
    // A caller that awaits only its own sends still sees the end; this keeps an unawaited end from being unhandled.
    this.ended.catch(() => {});
  }

  close() {
    this.closedByClient = true;
    this.connection.close();
    return this.ended;
  }
}

/** A publisher: `send()` chunks in order, `close()` ends the stream for every receiver. */
export class Publisher extends LiveConnection {
  /** Sends one chunk; resolves once the socket has room for more, so a fast source does not fill the memory. */
  async send(chunk) {
    if (!this.connection.send(chunk)) throw await this.ended.then(
      () => new LiveError('ENDED', 'the stream has ended'), (error) => error);
    await this.connection.drain(PUBLISH_BUFFER_BYTES);
  }
}

/** Publishes on a channel; resolves once the relay accepted the publisher. */
export function publish(options) {
  return Publisher.open('publish', options);
}

/**
 * Receives a channel: its cache, then live chunks, to `onChunk`. Waits for a publisher if there is none yet.
 *
 * @param {import('./live.js').ReceiveOptions} options
 */
export function receive(options) {
  return LiveConnection.open(options.clearCache ? 'receive-clear-cache' : 'receive', options);
}

/** One chunk of the channel (the oldest cached, or the next live one), as an ArrayBuffer. */
export async function probe(options) {
  let chunk = null;
  const live = await LiveConnection.open('probe', { ...options, onChunk: (data) => { chunk = data; } });
  await live.ended;
  if (chunk === null) throw new LiveError('NO_CHUNK', 'the stream ended before a chunk arrived');
  return chunk;
}
