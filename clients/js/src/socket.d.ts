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
  static open(url: string, options?: { token?: string; WebSocket?: WebSocketConstructor; protocols?: string[] }):
    Promise<Connection>;
  readonly socket: WebSocket;
  readonly closed: Promise<Close>;
  readonly isOpen: boolean;
  next(errorFor: (close: Close) => Error): Promise<string | ArrayBuffer>;
  listen(handler: (data: string | ArrayBuffer) => void): void;
  send(data: string | ArrayBuffer | ArrayBufferView | Blob): boolean;
  sendJson(value: unknown): boolean;
  drain(limit: number): Promise<void>;
  close(code?: number, reason?: string): Promise<Close>;
}
