import assert from 'node:assert/strict';
import { test } from 'node:test';

import { STATUS, StreamClient, StreamError } from '../../src/stream.js';
import { content, droppableWebSocket, server, sha256, token, unique, WebSocket } from './fixture.js';

const file = (bytes, name) => Object.assign(new Blob([bytes]), { name });

test('C: requests get their responses by request id; a file streams and is stored', async () => {
  const user = unique('ida');
  const client = new StreamClient({ server, WebSocket, getToken: () => token(user) });
  try {
    const bytes = content(500_000, 31);
    const sent = [];
    const stored = await client.upload(file(bytes, 'report.pdf'),
                                       { bufferBytes: 16_384, onProgress: (p) => sent.push(p.sent) });
    assert.deepEqual([stored.name, stored.size, stored.sha256, stored.source],
                     ['report.pdf', 500_000, sha256(bytes), 'stream']);
    assert.ok(sent.length >= 500_000 / 16_384, 'messages of the agreed buffer');

    const json = await client.sendInline({ a: 1 }, { format: 'json', fileName: 'a.json' });
    assert.equal(json.sha256, sha256(new TextEncoder().encode('{"a":1}')), 'stored as the server writes JSON');
    const inline = await client.sendInline(new TextEncoder().encode('small'), { fileName: 'small.bin' });
    assert.equal(inline.sha256, sha256(new TextEncoder().encode('small')));

    // Several requests in flight on one connection, each answered to its own promise.
    const [files, again] = await Promise.all([client.files(), client.files()]);
    assert.deepEqual(files.map((f) => f.id), again.map((f) => f.id));
    assert.deepEqual(files.map((f) => f.id).sort(), [stored.id, json.id, inline.id].sort());
  } finally {
    await client.close();
  }
});

test('C: a stream whose connection drops resumes by its key on a new connection', async () => {
  const user = unique('jon');
  const network = droppableWebSocket();
  const client = new StreamClient({ server, WebSocket: network.WebSocket, getToken: () => token(user) });
  try {
    // Larger than the test server's checkpoint (1 MiB), so the resume continues past its start.
    const bytes = content(4_000_000, 32);
    const keys = new Set();
    const retries = [];
    let dropped = false;
    const stored = await client.upload(file(bytes, 'long.bin'), {
      retry: { initialDelayMs: 50 },
      onStreamKey: (key) => keys.add(key),
      onRetry: (error) => retries.push(error.code),
      onProgress: ({ sent }) => {
        if (!dropped && sent > 2_500_000) {
          dropped = true;
          network.drop();
        }
      },
    });
    assert.deepEqual(retries, ['CONNECTION_LOST']);
    assert.equal(keys.size, 1, 'the same stream, resumed by its key');
    assert.equal(network.opened(), 2);
    assert.deepEqual([stored.size, stored.sha256], [4_000_000, sha256(bytes)]);
  } finally {
    await client.close();
  }
});

test('C: refusals are StreamErrors with the status and its name', async () => {
  const user = unique('kim');
  const client = new StreamClient({ server, WebSocket, getToken: () => token(user) });
  try {
    await assert.rejects(client.request({ route: '/nowhere' }),
      (error) => error instanceof StreamError && error.code === 'UNKNOWN_ROUTE' && error.status === STATUS.UNKNOWN_ROUTE);
    await assert.rejects(client.upload(file(new TextEncoder().encode('{"a": '), 'bad.json'), { format: 'json' }),
      (error) => error.code === 'FORMAT_CHECK_FAILED' && error.status === 6);
    await assert.rejects(client.upload(file(content(10), 'x.bin'), { streamKey: 'A'.repeat(32) }),
      { code: 'UNKNOWN_STREAM_KEY', status: 7 });
    // The connection stays open after refusals.
    assert.ok(Array.isArray(await client.files()));
  } finally {
    await client.close();
  }

  const stranger = new StreamClient({ server, WebSocket, getToken: () => 'not-a-token', retry: { retries: 0 } });
  await assert.rejects(stranger.files(), (error) => error.code === 'UNAUTHORIZED' && error.closeCode === 1008);
});

test('C: a stream stopped by its signal resumes later by its key, on another client, where the server stands', async () => {
  const user = unique('liv');
  const bytes = content(3_000_000, 33);
  const bufferBytes = 65_536;
  const stop = new AbortController();
  let key = null;
  const first = new StreamClient({ server, WebSocket, getToken: () => token(user) });
  // Stopped late: bytes still in the socket's buffers when it stops are lost with the connection, so the server holds
  // less than was sent, though in practice far more than a buffer.
  await assert.rejects(first.upload(file(bytes, 'later.bin'), {
    signal: stop.signal, bufferBytes,
    onStreamKey: (streamKey) => { key = streamKey; },
    onProgress: ({ sent }) => { if (sent > 2_500_000) stop.abort(); },
  }), { code: 'ABORTED' });

  // As a reloaded page would, with the key it kept.
  const second = new StreamClient({ server, WebSocket, getToken: () => token(user) });
  try {
    let firstSent = null;
    const stored = await second.upload(file(bytes, 'later.bin'), {
      streamKey: key, bufferBytes, onProgress: ({ sent }) => { firstSent ??= sent; },
    });
    // The first progress comes after the first buffer sent: past one buffer only if it went on from the server's offset.
    assert.ok(firstSent > bufferBytes, `continued from the server's offset, not from the start (${firstSent})`);
    assert.deepEqual([stored.name, stored.size, stored.sha256], ['later.bin', 3_000_000, sha256(bytes)]);
  } finally {
    await second.close();
  }
});
