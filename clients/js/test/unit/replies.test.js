import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Replies } from '../../src/replies.js';
import { httpUrl, socketUrl } from '../../src/socket.js';

test('a reply that comes before anyone waits is kept for its id', async () => {
  const replies = new Replies();
  const id = replies.nextId();
  replies.deliver(id, 'answer');
  replies.deliver(id, 'final');
  assert.equal(await replies.expect(id), 'answer');
  assert.equal(await replies.expect(id), 'final');
});

test('waiters get the replies of their own id in order', async () => {
  const replies = new Replies();
  const [first, second] = [replies.nextId(), replies.nextId()];
  const waiting = [replies.expect(second), replies.expect(first)];
  replies.deliver(first, 1);
  replies.deliver(second, 2);
  assert.deepEqual(await Promise.all(waiting), [2, 1]);
  assert.ok(replies.isOurs(first));
  assert.ok(!replies.isOurs(new Replies().nextId()), 'another connection\'s ids are not ours');
});

test('when the connection ends, every waiter and later request fails', async () => {
  const replies = new Replies();
  const waiting = replies.expect(replies.nextId());
  replies.failAll(new Error('gone'));
  await assert.rejects(waiting, /gone/);
  await assert.rejects(replies.expect(replies.nextId()), /gone/);
});

test('addresses: http and ws forms of the same server', () => {
  assert.equal(socketUrl('http://localhost:8080', 'ws/Upload?id=p'), 'ws://localhost:8080/ws/Upload?id=p');
  assert.equal(socketUrl('https://ingest.example.org/', 'ws/stream'), 'wss://ingest.example.org/ws/stream');
  assert.equal(httpUrl('wss://ingest.example.org', 'api/projects/p/upload'),
               'https://ingest.example.org/api/projects/p/upload');
});
