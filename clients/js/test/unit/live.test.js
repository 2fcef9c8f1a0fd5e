import assert from 'node:assert/strict';
import { test } from 'node:test';

import { LiveError, publish, receive } from '../../src/live.js';

/**
 * A WebSocket with no network: it opens at once, keeps what the client sends, and lets the test deliver messages and
 * the close as the relay would.
 */
function fakeSocketClass() {
  const sockets = [];
  class FakeSocket extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      this.readyState = 0;
      this.bufferedAmount = 0;
      this.sent = [];
      sockets.push(this);
      queueMicrotask(() => { this.readyState = 1; this.dispatchEvent(new Event('open')); });
    }

    send(data) { this.sent.push(data); }

    close(code = 1000, reason = '') { this.closeWith(code, reason); }

    deliver(data) { this.dispatchEvent(Object.assign(new Event('message'), { data })); }

    closeWith(code, reason) {
      this.readyState = 3;
      this.dispatchEvent(Object.assign(new Event('close'), { code, reason }));
    }
  }
  return { FakeSocket, sockets };
}

const until = async (condition) => { while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1)); };

test('E: heartbeats are sent on time and never taken for chunks', async () => {
  const { FakeSocket, sockets } = fakeSocketClass();
  const chunks = [];
  const receiver = await receive({ server: 'http://relay', channel: 'cam1', key: 'k1', WebSocket: FakeSocket,
                                   heartbeatMs: 5, onChunk: (chunk) => chunks.push(chunk) });
  const [socket] = sockets;
  assert.equal(socket.url, 'ws://relay/cam1/k1/receive');
  socket.deliver('h');
  socket.deliver(new Uint8Array([1, 2]).buffer);
  socket.deliver('h');
  await until(() => socket.sent.length >= 2);
  assert.deepEqual(socket.sent.slice(0, 2), ['h', 'h']);
  assert.equal(chunks.length, 1);
  socket.closeWith(1000, 'Stream ended');
  assert.deepEqual(await receiver.ended, { code: 1000, reason: 'Stream ended' });
  const sentAtEnd = socket.sent.length;
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(socket.sent.length, sentAtEnd, 'no heartbeat after the end');
});

test('E: an ERROR text and the close after it become one LiveError', async () => {
  const { FakeSocket, sockets } = fakeSocketClass();
  const publisher = await publish({ server: 'http://relay', channel: 'cam1', key: 'k1', WebSocket: FakeSocket });
  sockets[0].deliver('ERROR: Channel is already being published');
  sockets[0].closeWith(1008, 'Channel is already being published');
  await assert.rejects(publisher.ended, (error) => error instanceof LiveError && error.code === 'CHANNEL_BUSY'
                                                   && error.closeCode === 1008 && !error.retryable);
  await assert.rejects(publisher.send(new Uint8Array(1)), { code: 'CHANNEL_BUSY' });
});
