import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ResumableUpload, UploadError } from '../../src/upload.js';
import { api, content, droppableWebSocket, fileContent, project, server, sha256, token, unique, WebSocket }
  from './fixture.js';

/** A Blob with a name, as a browser's File has. */
const file = (bytes, name) => Object.assign(new Blob([bytes]), { name });

/** localStorage for Node. */
function memoryStorage() {
  const items = new Map();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => items.set(k, v), removeItem: (k) => items.delete(k) };
}

async function storedFile(projectId, user) {
  const { body } = await api('GET', `api/projects/${projectId}/upload`, token(user));
  const bytes = await fileContent(projectId, body.fileId, token(user));
  return { chain: body, bytes };
}

test('A: a file is uploaded with progress and stored byte for byte', async () => {
  const user = unique('amy');
  const projectId = await project(user);
  const bytes = content(300_000, 11);
  const progress = [];
  await new ResumableUpload(file(bytes, 'scan.bin'), {
    server, projectId, WebSocket, getToken: () => token(user), storage: null,
    onProgress: (p) => progress.push(p),
  }).start();
  const { chain, bytes: stored } = await storedFile(projectId, user);
  assert.equal(chain.state, 'COMPLETED');
  assert.equal(chain.fileName, 'scan.bin');
  assert.equal(sha256(stored), sha256(bytes));
  assert.deepEqual(progress.at(-1), { sent: 300_000, stored: 300_000, total: 300_000 });
});

test('A: a dropped connection is reopened and the upload resumed from the server\'s offset', async () => {
  const user = unique('ben');
  const projectId = await project(user);
  const bytes = content(3_000_000, 12);
  const network = droppableWebSocket();
  const retries = [];
  let tokens = 0;
  let dropped = false;
  await new ResumableUpload(file(bytes, 'big.bin'), {
    server, projectId, WebSocket: network.WebSocket, storage: null,
    getToken: () => { tokens++; return token(user); },
    retry: { initialDelayMs: 50 },
    onRetry: (error) => retries.push(error.code),
    onProgress: ({ sent }) => {
      if (!dropped && sent > 1_000_000) {
        dropped = true;
        network.drop();
      }
    },
  }).start();
  assert.deepEqual(retries, ['CONNECTION_LOST']);
  assert.equal(network.opened(), 2);
  assert.equal(tokens, 2, 'getToken() is asked on every connection');
  assert.equal(sha256((await storedFile(projectId, user)).bytes), sha256(bytes));
});

test('A: pause, then resume from where the server stands; the page remembers the upload meanwhile', async () => {
  const user = unique('cid');
  const projectId = await project(user);
  const bytes = content(2_000_000, 13);
  const storage = memoryStorage();
  const upload = new ResumableUpload(file(bytes, 'paused.bin'), {
    server, projectId, WebSocket, storage, getToken: () => token(user),
    onProgress: ({ sent }) => { if (sent > 500_000 && upload.state === 'uploading') upload.pause(); },
  });
  await assert.rejects(upload.start(), { code: 'PAUSED' });
  assert.equal(upload.state, 'paused');
  assert.deepEqual(ResumableUpload.pending({ server, projectId, storage }),
                   { name: 'paused.bin', size: 2_000_000, lastModified: null });
  assert.equal((await api('GET', `api/projects/${projectId}/upload`, token(user))).body.state, 'IN_PROGRESS');

  // A new page (a reload) with the same file continues the project's upload.
  const again = new ResumableUpload(file(bytes, 'paused.bin'), { server, projectId, WebSocket, storage,
                                                                  getToken: () => token(user) });
  await again.start();
  assert.equal(again.state, 'completed');
  assert.equal(ResumableUpload.pending({ server, projectId, storage }), null);
  assert.equal(sha256((await storedFile(projectId, user)).bytes), sha256(bytes));
});

test('A: cancel destroys the project\'s upload chain, so another file can start', async () => {
  const user = unique('dot');
  const projectId = await project(user);
  const first = new ResumableUpload(file(content(2_000_000, 14), 'first.bin'), {
    server, projectId, WebSocket, storage: null, getToken: () => token(user),
    onProgress: ({ sent }) => { if (sent > 300_000 && first.state === 'uploading') first.pause(); },
  });
  await assert.rejects(first.start(), { code: 'PAUSED' });

  const other = new ResumableUpload(file(content(1000, 15), 'other.bin'),
                                    { server, projectId, WebSocket, storage: null, getToken: () => token(user) });
  await assert.rejects(other.start(), (error) => error instanceof UploadError && error.code === 'OTHER_UPLOAD');

  await first.cancel();
  assert.equal(first.state, 'cancelled');
  assert.equal((await api('GET', `api/projects/${projectId}/upload`, token(user))).status, 404);
  await new ResumableUpload(file(content(1000, 15), 'other.bin'),
                            { server, projectId, WebSocket, storage: null, getToken: () => token(user) }).start();
});

test('A: the server\'s refusals are typed errors, not retried', async () => {
  const user = unique('eve');
  const projectId = await project(user);
  const small = file(content(10, 16), 'a.bin');
  const options = { server, projectId, WebSocket, storage: null, retry: { initialDelayMs: 10 } };

  await assert.rejects(new ResumableUpload(small, { ...options, getToken: () => 'not-a-token' }).start(),
    (error) => error.code === 'UNAUTHORIZED' && error.closeCode === 1008 && error.reason.startsWith('Unauthorized: '));
  await assert.rejects(new ResumableUpload(small, { ...options, getToken: () => token(unique('stranger')) }).start(),
    { code: 'NO_ACCESS', closeCode: 1001, reason: 'Project does not exist or user does not have access to it' });

  // A file announced larger than the server takes is refused at the handshake, before any byte.
  const huge = { name: 'huge.bin', size: 2 ** 50, slice: () => { throw new Error('no byte is read'); } };
  await assert.rejects(new ResumableUpload(huge, { ...options, getToken: () => token(user) }).start(),
    (error) => error.code === 'FILE_TOO_LARGE' && error.closeCode === 1009 && !error.retryable);
});
