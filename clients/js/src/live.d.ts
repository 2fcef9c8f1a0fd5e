import { ErrorCatalogue, WsIngestError } from './errors.js';
import type { ServerOptions } from './socket.js';

/**
 * Codes: INVALID_CHANNEL, INVALID_KEY, INVALID_KIND, TOO_MANY_CONNECTIONS, TOO_MANY_CHANNELS, NOT_ALLOWED_TO_RECEIVE,
 * CHANNEL_RESERVED, CHANNEL_BUSY, NOT_A_CLUSTER_NODE, INVALID_STREAMING_KEY, RECEIVER_TOO_SLOW, CHUNK_TOO_LARGE,
 * SERVER_BUSY, IDLE_TIMEOUT, SHUTTING_DOWN, INTERNAL_ERROR, UNKNOWN; ENDED and NO_CHUNK from this client.
 */
export class LiveError extends WsIngestError {}

export const LIVE_ERRORS: ErrorCatalogue;

export interface ChannelOptions extends ServerOptions {
  /** 1–128 characters of a-z 0-9 - _ */
  channel: string;
  /** The stream key (the same rule). */
  key: string;
  /** How often to send the heartbeat `h`; default 20000. */
  heartbeatMs?: number;
}

export interface ReceiveOptions extends ChannelOptions {
  /** Each chunk, in the publisher's order: the channel's cache first, then live ones. */
  onChunk: (chunk: ArrayBuffer) => void;
  /** `receive-clear-cache`: empty the channel's cache after joining. */
  clearCache?: boolean;
}

export interface LiveConnection {
  /** Resolves with a normal end (`Stream ended`, `Probe complete`, or this client's close); rejects with LiveError. */
  readonly ended: Promise<{ code: number; reason: string }>;
  close(): Promise<{ code: number; reason: string }>;
}

export class Publisher implements LiveConnection {
  readonly ended: Promise<{ code: number; reason: string }>;
  close(): Promise<{ code: number; reason: string }>;
  /** Sends one chunk; resolves once the socket has room for more. */
  send(chunk: ArrayBuffer | ArrayBufferView | Blob): Promise<void>;
}

export function publish(options: ChannelOptions): Promise<Publisher>;
export function receive(options: ReceiveOptions): Promise<LiveConnection>;
export function probe(options: ChannelOptions): Promise<ArrayBuffer>;
