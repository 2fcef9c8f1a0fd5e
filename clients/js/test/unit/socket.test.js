import assert from 'node:assert/strict';
import { test } from 'node:test';

import WebSocket, { WebSocketServer } from 'ws';

import { ConnectionError } from '../../src/errors.js';
import { Connection, socketUrl } from '../../src/socket.js';
import { ResumableUpload } from '../../src/upload.js';

test('a server that is not there: a ConnectionError once the retries are spent, a token for each try', async () => {
  let tokens = 0;
  const upload = new ResumableUpload(new Blob(['abc']), {
    server: 'http://127.0.0.1:1/', projectId: 'p', name: 'a.txt', WebSocket, storage: null,
    getToken: () => { tokens++; return 'token'; },
    retry: { retries: 2, initialDelayMs: 1, maxDelayMs: 1 },
  });
  await assert.rejects(upload.start(), (error) => error instanceof ConnectionError && error.retryable);
  assert.equal(tokens, 3);
  assert.equal(upload.state, 'failed');
});

/** A WebSocket server on a free port that accepts every connection, sends it `greeting` if given, then waits. */
async function quietServer(greeting) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const connections = [];
  server.on('connection', (socket) => {
    connections.push(socket);
    if (greeting) socket.send(greeting);
  });
  return { url: `http://127.0.0.1:${server.address().port}/`, connections,
           close: () => new Promise((resolve) => server.close(resolve)) };
}

// Without the deadline the upload would wait forever: the test's own timeout makes that a failure.
test('a connection that gets its handshake answer and then nothing is lost, and tried again', { timeout: 10_000 },
  async () => {
    const server = await quietServer();
    try {
      const upload = new ResumableUpload(new Blob(['abc']), {
        server: server.url, projectId: 'p', name: 'a.txt', WebSocket, storage: null, getToken: () => 'token',
        firstReplyMs: 100, retry: { retries: 1, initialDelayMs: 1, maxDelayMs: 1 },
      });
      await assert.rejects(upload.start(), (error) => error instanceof ConnectionError && error.retryable
                                                      && error.closeCode === 1006 && /no message/.test(error.reason));
      assert.equal(server.connections.length, 2);
      // The client let each one go: the server sees them closed.
      await Promise.all(server.connections.map((socket) => socket.readyState === WebSocket.CLOSED
        || new Promise((resolve) => socket.once('close', resolve))));
    } finally {
      await server.close();
    }
  });

test('a connection whose server answered stays open past the first-reply deadline', { timeout: 10_000 }, async () => {
  const server = await quietServer('first');
  try {
    const connection = await Connection.open(socketUrl(server.url, 'x'), { WebSocket, firstReplyMs: 50 });
    assert.equal(await connection.next(() => new Error('closed')), 'first');
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.ok(connection.isOpen);
    server.connections[0].send('second');
    assert.equal(await connection.next(() => new Error('closed')), 'second');
    await connection.close();
  } finally {
    await server.close();
  }
});
