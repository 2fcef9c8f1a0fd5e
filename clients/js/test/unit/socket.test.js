import assert from 'node:assert/strict';
import { test } from 'node:test';

import WebSocket from 'ws';

import { ConnectionError } from '../../src/errors.js';
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
