import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ConnectionError, closeError } from '../../src/errors.js';
import { GALILEO_ERRORS } from '../../src/galileo.js';
import { LIVE_ERRORS, LiveError } from '../../src/live.js';
import { STATUS, StreamError, STREAM_CLOSE_ERRORS } from '../../src/stream.js';
import { UPLOAD_ERRORS, UploadError } from '../../src/upload.js';
import { UPLOAD_API_CLOSE_ERRORS, UploadApiError } from '../../src/uploadapi.js';

test('protocol A: close reasons become codes, and only passing ones are retried', () => {
  const cases = [
    [1008, 'Unauthorized: invalid signature', 'UNAUTHORIZED', false],
    [1008, 'Unauthorized: token expired', 'UNAUTHORIZED', true],
    [1008, 'Cannot upload, already completed', 'ALREADY_COMPLETED', false],
    [1008, 'Upload cannot be restarted, destroy chain and try again', 'CANNOT_RESTART', false],
    [1008, 'To restore upload, transfer has to be continuous', 'NOT_CONTINUOUS', true],
    [1008, 'Transfer has to be continuous, server has 10B of data, not 20B', 'DATA_NOT_CONTINUOUS', true],
    [1009, 'File too large, the limit is 1024B', 'FILE_TOO_LARGE', false],
    [1009, 'Message does not fit into 32768B buffer', 'MESSAGE_TOO_LARGE', false],
    [1001, 'Project does not exist or user does not have access to it', 'NO_ACCESS', false],
    [1001, 'Server shutting down', 'SHUTTING_DOWN', true],
    [1011, "Error: 'Channel project-p1 is already being published'", 'CHANNEL_BUSY', false],
    [1011, "Error: 'The uploaded data is missing on the server'", 'DATA_MISSING', false],
    [1011, "Error: 'internal error (ref 0badc0de)'", 'SERVER_ERROR', true],
    [1008, 'Upload reconnected during receiving data from last websocket', 'TAKEN_OVER', false],
  ];
  for (const [closeCode, reason, code, retryable] of cases) {
    const error = closeError(UploadError, UPLOAD_ERRORS, { code: closeCode, reason });
    assert.ok(error instanceof UploadError, reason);
    assert.deepEqual([error.code, error.retryable, error.closeCode, error.reason], [code, retryable, closeCode, reason]);
  }
});

test('a dropped connection is a ConnectionError to retry, whatever the protocol', () => {
  const error = closeError(UploadError, UPLOAD_ERRORS, { code: 1006, reason: '' });
  assert.ok(error instanceof ConnectionError);
  assert.deepEqual([error.code, error.retryable], ['CONNECTION_LOST', true]);
});

test('protocol B: error signals become codes', () => {
  assert.deepEqual(GALILEO_ERRORS.classify('Hash mismatch: the sha256 of the received file is 00, the client sent 11'),
                   { code: 'HASH_MISMATCH', retryable: false });
  assert.deepEqual(GALILEO_ERRORS.classify('Expected: 1000 bytes. Got: 600 bytes.'),
                   { code: 'SIZE_MISMATCH', retryable: false });
  assert.deepEqual(GALILEO_ERRORS.classify('Storage full: the server cannot take the file now, try again later'),
                   { code: 'STORAGE_FULL', retryable: true });
  assert.deepEqual(GALILEO_ERRORS.classify('something new'), { code: 'UNKNOWN', retryable: false });
});

test('protocol C: a status packet names its status; paused streams say where to resume', () => {
  const paused = StreamError.fromPacket({ headers: { status: 8, error: 'a binary message was larger',
    'x-stream-key': 'k'.repeat(32), 'x-stream-offset': '8192' }, payload: null });
  assert.deepEqual([paused.code, paused.status, paused.offset, paused.streamKey, paused.retryable],
                   ['STREAM_DATA_ERROR', STATUS.STREAM_DATA_ERROR, 8192, 'k'.repeat(32), true]);
  const refused = StreamError.fromPacket({ headers: { status: 7, error: 'unknown or expired stream key' } });
  assert.deepEqual([refused.code, refused.retryable, refused.offset], ['UNKNOWN_STREAM_KEY', false, undefined]);
  const close = closeError(StreamError, STREAM_CLOSE_ERRORS, { code: 1008, reason: 'invalid signature' });
  assert.equal(close.code, 'UNAUTHORIZED');
  assert.equal(closeError(StreamError, STREAM_CLOSE_ERRORS, { code: 1008, reason: 'idle timeout' }).code,
               'IDLE_TIMEOUT');
});

test('protocol D: the close codes become codes', () => {
  const codes = [[4401, 'token expired'], [4403, 'upload not found'], [4429, 'too many connections'],
                 [1001, 'Server shutting down']]
    .map(([code, reason]) => closeError(UploadApiError, UPLOAD_API_CLOSE_ERRORS, { code, reason }))
    .map((error) => [error.code, error.retryable]);
  assert.deepEqual(codes, [['UNAUTHORIZED', false], ['NOT_FOUND', false], ['TOO_MANY_CONNECTIONS', false],
                           ['SHUTTING_DOWN', true]]);
});

test('protocol E: ERROR texts become codes', () => {
  const error = closeError(LiveError, LIVE_ERRORS, { code: 1008, reason: 'Invalid streaming key' });
  assert.deepEqual([error.code, error.retryable], ['INVALID_STREAMING_KEY', false]);
  assert.equal(LIVE_ERRORS.classify('Channel is already being published').code, 'CHANNEL_BUSY');
});
