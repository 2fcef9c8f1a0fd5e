import assert from 'node:assert/strict';
import { test } from 'node:test';

import { LiveError, probe, publish, receive } from '../../src/live.js';
import { server, unique, until, WebSocket } from './fixture.js';

const text = (chunk) => new TextDecoder().decode(chunk);

test('E: a receiver gets the publisher\'s chunks in order, a probe the first, and the end', async () => {
  const channel = unique('cam');
  const chunks = [];
  const receiver = await receive({ server, WebSocket, channel, key: 'k1', onChunk: (c) => chunks.push(text(c)) });
  const publisher = await publish({ server, WebSocket, channel, key: 'k1' });
  for (const frame of ['one', 'two', 'three']) await publisher.send(new TextEncoder().encode(frame));
  await until('three chunks', () => chunks.length === 3);
  assert.deepEqual(chunks, ['one', 'two', 'three']);
  assert.equal(text(await probe({ server, WebSocket, channel, key: 'k1' })), 'one', 'the oldest cached chunk');

  await publisher.close();
  assert.deepEqual(await receiver.ended, { code: 1000, reason: 'Stream ended' });
});

test('E: the relay\'s refusals are typed errors', async () => {
  const channel = unique('cam');
  const publisher = await publish({ server, WebSocket, channel, key: 'k1' });
  try {
    const second = await publish({ server, WebSocket, channel, key: 'k1' });
    await assert.rejects(second.ended, (error) => error instanceof LiveError && error.code === 'CHANNEL_BUSY'
                                                  && error.closeCode === 1008);
    const intruder = await receive({ server, WebSocket, channel, key: 'wrong', onChunk: () => {} });
    await assert.rejects(intruder.ended, { code: 'INVALID_STREAMING_KEY', reason: 'Invalid streaming key' });
    const squatter = await publish({ server, WebSocket, channel: `project-${channel}`, key: 'k1' });
    await assert.rejects(squatter.ended, { code: 'CHANNEL_RESERVED' });
    await assert.rejects(squatter.send(new Uint8Array(1)), { code: 'CHANNEL_RESERVED' });
  } finally {
    await publisher.close();
  }
});
