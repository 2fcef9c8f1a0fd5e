import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { UploadApiClient, UploadApiError } from '../../src/uploadapi.js';
import { droppableWebSocket, server, token, unique, until, WebSocket } from './fixture.js';

/** A PNG of printed paragraphs (ClientKitIT renders it), and words it holds. */
const page = () => new Blob([readFileSync(process.env.WSINGEST_OCR_PAGE ?? '')], { type: 'image/png' });
const WORDS = 'quick brown fox';

test('D: a page\'s OCR text grows while the job runs, then the upload is processed', async () => {
  const user = unique('lea');
  const client = new UploadApiClient({ server, WebSocket, getToken: () => token(user) });
  try {
    const subscribed = await client.connect();
    assert.equal(subscribed.type, 'subscribed');
    const partial = [];
    const result = await client.createAndRead(page(), (text, state) => {
      if (state.status === 'processing') partial.push(text);
    });
    assert.equal(result.instance.content_type, 'image/png');
    assert.equal(result.status, 'processed');
    assert.ok(result.raw_text.includes(WORDS), result.raw_text);
    assert.ok(partial.some((text) => text.length > 0), 'text arrived before the job ended');
    partial.reduce((before, text) => {
      assert.ok(text.startsWith(before), 'each text continues the one before');
      return text;
    }, '');
    const { list, total } = await client.list();
    assert.deepEqual([total, list[0].id, list[0].status], [1, result.id, 'processed']);
  } finally {
    await client.close();
  }
});

/**
 * Two clients of one new user: `other`, and a `watcher` on a network the test can drop, whose events and resyncs go
 * into `seen`. The watcher asks for a token only once `tokenGate()` resolves.
 */
function otherAndWatcher(prefix, tokenGate = async () => {}) {
  const user = unique(prefix);
  const network = droppableWebSocket();
  const seen = { events: [], resyncs: 0 };
  const other = new UploadApiClient({ server, WebSocket, getToken: () => token(user) });
  const watcher = new UploadApiClient({
    server, WebSocket: network.WebSocket, getToken: async () => { await tokenGate(); return token(user); },
    retry: { initialDelayMs: 50 },
    onEvent: (event) => seen.events.push(event), onResync: () => { seen.resyncs++; },
  });
  return { other, watcher, network, seen };
}

test('D: a socket that drops reconnects and recovers the events it missed', async () => {
  // The watcher's reconnect waits for its token until the test lets it: the update happens while it is away.
  let away = Promise.resolve();
  const { other, watcher, network, seen } = otherAndWatcher('max', () => away);
  const { events } = seen;
  try {
    await other.connect();
    await watcher.connect();
    const { id } = await other.createAndRead(page());
    await until('the watcher to see the upload processed',
                () => events.some((e) => e.type === 'Upload.status' && e.id === id && e.status === 'processed'));

    let comeBack;
    away = new Promise((resolve) => { comeBack = resolve; });
    network.drop();
    await other.correct(id, 'Corrected while the watcher was away');
    comeBack();
    await until('the missed update', () => events.some((e) => e.type === 'Upload.updated'));
    const update = events.find((e) => e.type === 'Upload.updated');
    assert.equal(update.instance.processed_text, 'Corrected while the watcher was away');
    assert.equal(network.opened(), 2);
    assert.equal(seen.resyncs, 0, 'recovered from the history, no list needed');
    assert.equal(watcher.position.seq, update.seq);
  } finally {
    await Promise.all([other.close(), watcher.close()]);
  }
});

test('D: when the server cannot replay what was missed, onResync says to read again', async () => {
  const { other, watcher, network, seen } = otherAndWatcher('ora');
  const { events } = seen;
  try {
    await other.connect();
    const subscribed = await watcher.connect();
    // As if the server's history had been reset while the watcher was away: its position names another epoch.
    watcher.position = { epoch: 'an-epoch-long-gone', seq: subscribed.seq };
    network.drop();
    await until('the watcher to resync', () => seen.resyncs > 0);
    assert.equal(seen.resyncs, 1);
    assert.equal(network.opened(), 2);
    assert.equal(watcher.position.epoch, subscribed.epoch, 'it goes on from the server\'s own position');

    const { id } = await other.createAndRead(page());
    await until('events after the resync',
                () => events.some((e) => e.type === 'Upload.status' && e.id === id && e.status === 'processed'));
  } finally {
    await Promise.all([other.close(), watcher.close()]);
  }
});

test('D: refused commands and closes are typed errors', async () => {
  const user = unique('ned');
  const client = new UploadApiClient({ server, WebSocket, getToken: () => token(user) });
  try {
    await client.connect();
    await assert.rejects(client.create({ image_base64: 'not base64!' }), (error) =>
      error instanceof UploadApiError && error.code === 'COMMAND_REFUSED'
      && error.errors.image_base64.startsWith('Invalid base64 encoding'));
    await assert.rejects(client.send({ type: 'upload' }), (error) =>
      error.code === 'INVALID_MESSAGE' && error.errors.type.startsWith("Unknown command 'upload'"));
    await assert.rejects(client.retrieve('00000000-0000-0000-0000-000000000000'),
                         (error) => error.errors.instance_id === 'Upload not found.');
  } finally {
    await client.close();
  }

  await assert.rejects(new UploadApiClient({ server, WebSocket, getToken: () => 'not-a-token' }).connect(),
                       { code: 'UNAUTHORIZED', closeCode: 4401 });
  await assert.rejects(new UploadApiClient({ server, WebSocket, getToken: () => token(user),
                                             uploadId: '00000000-0000-0000-0000-000000000000' }).connect(),
                       { code: 'NOT_FOUND', closeCode: 4403, reason: 'upload not found' });
});
