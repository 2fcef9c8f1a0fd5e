import assert from 'node:assert/strict';
import { test } from 'node:test';

import { GalileoError, galileoSend } from '../../src/galileo.js';
import { api, content, project, server, sha256, subtle, token, unique, WebSocket } from './fixture.js';

const file = (bytes, name) => Object.assign(new Blob([bytes]), { name });

test('B: a file is sent chunk by chunk with its SHA-256, and stored in the project', async () => {
  const user = unique('fay');
  const projectId = await project(user);
  const bytes = content(700_000, 21);
  const progress = [];
  const result = await galileoSend(file(bytes, 'site plan.pdf'), {
    server, WebSocket, subtle, project: projectId, getToken: () => token(user),
    onProgress: ({ sent }) => progress.push(sent),
  });
  assert.equal(result.sha256, sha256(bytes));
  assert.deepEqual(result.warnings, []);
  assert.deepEqual(progress, [262_144, 524_288, 700_000], 'one chunk per ready signal, of the server\'s chunksize');
  const { body: files } = await api('GET', `api/projects/${projectId}/files`, token(user));
  const stored = files.find((f) => f.fileName === 'site plan.pdf');
  assert.equal(stored?.sha256, sha256(bytes), JSON.stringify(files));
});

test('B: an empty file is sent as the empty end-of-file chunk', async () => {
  const user = unique('gus');
  const result = await galileoSend(file(new Uint8Array(0), 'empty.txt'),
                                   { server, WebSocket, subtle, getToken: () => token(user) });
  assert.equal(result.sha256, sha256(new Uint8Array(0)));
});

test('B: the server\'s fatal errors are typed', async () => {
  const user = unique('hal');
  const options = { server, WebSocket, subtle, retry: { initialDelayMs: 10 } };
  const small = file(content(100, 22), 'a.bin');
  await assert.rejects(galileoSend(small, { ...options, getToken: () => 'not-a-token' }),
    (error) => error instanceof GalileoError && error.code === 'UNAUTHORIZED' && !error.retryable);
  await assert.rejects(galileoSend(small, { ...options, project: unique('nowhere'), getToken: () => token(user) }),
    { code: 'FORBIDDEN', message: 'Forbidden: the project does not exist or you may not upload to it' });

  // A client whose hash differs from what arrives: the server keeps nothing and says so.
  const wrongDigest = { digest: async () => new Uint8Array(32).buffer };
  await assert.rejects(galileoSend(small, { ...options, subtle: wrongDigest, getToken: () => token(user) }),
    (error) => error.code === 'HASH_MISMATCH' && error.message.startsWith('Hash mismatch: the sha256 of the received'));
});
