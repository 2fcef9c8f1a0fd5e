/** A token for the next connection; called on every (re)connect, so an expiring token can be refreshed. */
export type GetToken = () => string | Promise<string>;

/** The WebSocket constructor: the browser's, Node 22's global one, or the `ws` package's. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket;

/** What every client takes to reach the server. */
export interface ServerOptions {
  /** The server, e.g. `https://ingest.example.org` (http(s) or ws(s)); in a browser the page's origin by default. */
  server?: string | URL;
  /** In Node without a global WebSocket: `(await import('ws')).default`. */
  WebSocket?: WebSocketConstructor;
}

/** What the clients of protocols A to D take: each of their servers answers a new connection at once. */
export interface AnsweringServerOptions extends ServerOptions {
  /**
   * How long a new connection may go without any message before it counts as lost and is tried again (a connection
   * that got its handshake answer and nothing more); default {@link FIRST_REPLY_MS}, 0 waits forever.
   */
  firstReplyMs?: number;
}

/** 30 s: the default of {@link AnsweringServerOptions.firstReplyMs}. */
export const FIRST_REPLY_MS: number;

export function webSocketClass(given?: WebSocketConstructor): WebSocketConstructor;
export function socketUrl(server: string | URL | undefined, path: string): string;
export function httpUrl(server: string | URL | undefined, path: string): string;
export function resolveToken(getToken?: GetToken): Promise<string>;

export interface Close {
  code: number;
  reason: string;
}

/** One WebSocket connection, read message by message (`next`) or by a handler (`listen`). */
export class Connection {
  static open(url: string, options?: { token?: string; WebSocket?: WebSocketConstructor; protocols?: string[];
                                       firstReplyMs?: number }): Promise<Connection>;
  readonly socket: WebSocket;
  readonly closed: Promise<Close>;
  readonly isOpen: boolean;
  next(errorFor: (close: Close) => Error): Promise<string | ArrayBuffer>;
  listen(handler: (data: string | ArrayBuffer) => void): void;
  send(data: string | ArrayBuffer | ArrayBufferView | Blob): boolean;
  sendJson(value: unknown): boolean;
  drain(limit: number): Promise<void>;
  close(code?: number, reason?: string): Promise<Close>;
  /** Ends the connection as a dropped one (1006) at once, without waiting for the server's close. */
  lost(reason: string): void;
}
