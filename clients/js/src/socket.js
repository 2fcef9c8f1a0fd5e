import { ConnectionError, WsIngestError } from './errors.js';

/**
 * The WebSocket constructor to use: the caller's (in Node before 22, the `ws` package's), else the global one.
 *
 * @param {typeof WebSocket} [given]
 */
export function webSocketClass(given) {
  const found = given ?? globalThis.WebSocket;
  if (!found) {
    throw new WsIngestError('NO_WEBSOCKET',
      'no WebSocket here: pass the WebSocket option (in Node, e.g. `import WebSocket from "ws"`)');
  }
  return found;
}

/** The server's base address: the given one, or the page's own origin in a browser. */
function base(server) {
  const address = server ?? globalThis.location?.origin;
  if (!address) throw new WsIngestError('NO_SERVER', 'no server address: pass the server option');
  return new URL(address);
}

/** `ws(s)://…` for a path of the server, whether the server was given as http(s) or ws(s). */
export function socketUrl(server, path) {
  const url = new URL(path, base(server));
  url.protocol = url.protocol.replace(/^http/, 'ws');
  return url.toString();
}

/** `http(s)://…` for a path of the server, for its REST API. */
export function httpUrl(server, path) {
  const url = new URL(path, base(server));
  url.protocol = url.protocol.replace(/^ws/, 'http');
  return url.toString();
}

/** Asks the caller's `getToken()` (sync or async) for the token of the next connection. */
export async function resolveToken(getToken) {
  if (!getToken) throw new WsIngestError('NO_TOKEN', 'this endpoint needs a token: pass getToken');
  const token = await getToken();
  if (typeof token !== 'string' || token === '') {
    throw new WsIngestError('NO_TOKEN', 'getToken() gave no token');
  }
  return token;
}

/**
 * How long a connection of protocols A to D may stay silent after opening: each answers at once (A's offer, B's first
 * ready, C's and D's first reply). A connection that got its handshake answer and nothing after it (a network that
 * dropped it unnoticed; Payara, now and then, when another socket is closed at the same moment: docs/operations.md)
 * is then treated as lost and tried again, instead of waiting forever.
 */
export const FIRST_REPLY_MS = 30_000;

/** The close a client sends a server that never answered (a code for applications, 4000–4999). */
const NO_REPLY_CLOSE = 4000;

/** How long `drain()` waits between looks at `bufferedAmount`: browsers have no event for it. */
const DRAIN_POLL_MS = 5;

/**
 * One WebSocket connection, with the two ways the protocols read it: one message at a time (`next()`, for the
 * exchanges of A, B and C), or every message to a handler (`onMessage`, for D's events and E's chunks). Text arrives as
 * a string, binary as an ArrayBuffer. Once the connection closes, `next()` and `closed` give the protocol's error for
 * the close (`closeError`), or, for `closed`, the close itself when the protocol counts it as success.
 */
export class Connection {
  /**
   * Opens a connection; resolves once it is open. Unless `firstReplyMs` is 0, a connection on which nothing arrives
   * within that time of opening counts as lost (see {@link FIRST_REPLY_MS}).
   *
   * @param {string} url
   * @param {{token?: string, WebSocket?: typeof WebSocket, protocols?: string[], firstReplyMs?: number}} options
   * @returns {Promise<Connection>}
   */
  static open(url, { token, WebSocket, protocols, firstReplyMs = FIRST_REPLY_MS } = {}) {
    const Socket = webSocketClass(WebSocket);
    // Browsers cannot set headers: the token goes as the subprotocols ['bearer', token], which every endpoint reads.
    const socket = new Socket(url, protocols ?? (token ? ['bearer', token] : []));
    return new Promise((resolve, reject) => {
      const connection = new Connection(socket);
      socket.addEventListener('open', () => {
        connection.expectFirstMessage(firstReplyMs);
        resolve(connection);
      }, { once: true });
      connection.closed.then(
        ({ code, reason }) => reject(new ConnectionError(`cannot connect to ${url.replace(/\?.*/, '')} (${code})`,
                                                         { closeCode: code, reason })),
        reject);
    });
  }

  /** @param {WebSocket} socket */
  constructor(socket) {
    this.socket = socket;
    socket.binaryType = 'arraybuffer';
    /** @type {((data: string | ArrayBuffer) => void) | null} */
    this.onMessage = null;
    this.queue = [];
    this.waiting = [];
    this.closeEvent = null;
    // The close that follows an error says what happened; Node's ws throws an error event nobody listens to.
    socket.addEventListener('error', () => {});
    this.closed = new Promise((resolve) => {
      this.ended = (close) => {
        if (this.closeEvent) return;
        this.closeEvent = close;
        this.waiting.splice(0).forEach((waiter) => waiter.closed(close));
        resolve(close);
      };
    });
    socket.addEventListener('close', (event) => this.ended({ code: event.code, reason: event.reason ?? '' }));
    socket.addEventListener('message', (event) => {
      if (this.onMessage) this.onMessage(event.data);
      else if (this.waiting.length) this.waiting.shift().message(event.data);
      else this.queue.push(event.data);
    });
  }

  get isOpen() {
    return this.socket.readyState === 1 && !this.closeEvent;
  }

  /** Gives the connection up as lost when no message has arrived within `ms` (none when 0). */
  expectFirstMessage(ms) {
    if (!ms) return;
    const timer = setTimeout(() => this.lost(`no message from the server within ${ms} ms`), ms);
    this.socket.addEventListener('message', () => clearTimeout(timer), { once: true });
    this.closed.then(() => clearTimeout(timer));
  }

  /**
   * Ends the connection as a dropped one (1006), at once: its waiters fail with the protocol's retryable error for a
   * lost connection, and the socket is let go without waiting for a close the server may never send.
   */
  lost(reason) {
    this.ended({ code: 1006, reason });
    if (typeof this.socket.terminate === 'function') this.socket.terminate(); // Node's ws
    else this.socket.close(NO_REPLY_CLOSE, 'no reply');
  }

  /**
   * The next message. When the connection closes instead, rejects with `errorFor(close)`.
   *
   * @param {(close: {code: number, reason: string}) => Error} errorFor
   * @returns {Promise<string | ArrayBuffer>}
   */
  next(errorFor) {
    if (this.queue.length) return Promise.resolve(this.queue.shift());
    if (this.closeEvent) return Promise.reject(errorFor(this.closeEvent));
    return new Promise((resolve, reject) => {
      this.waiting.push({ message: resolve, closed: (close) => reject(errorFor(close)) });
    });
  }

  /** Delivers every message to `handler`, those already waiting first. */
  listen(handler) {
    this.onMessage = handler;
    this.queue.splice(0).forEach(handler);
  }

  send(data) {
    if (!this.isOpen) return false;
    this.socket.send(data);
    return true;
  }

  sendJson(value) {
    return this.send(JSON.stringify(value));
  }

  /** Waits until at most `limit` bytes wait in the socket's send buffer, so a large file is never all in memory. */
  async drain(limit) {
    while (this.isOpen && this.socket.bufferedAmount > limit) {
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    }
  }

  /** Closes the connection; a code from 3000 to 4999 (or 1000) and a short reason. */
  close(code = 1000, reason = '') {
    if (this.socket.readyState <= 1) this.socket.close(code, reason);
    return this.closed;
  }
}
