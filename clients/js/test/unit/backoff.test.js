import assert from 'node:assert/strict';
import { test } from 'node:test';

import { backoffDelay, withRetries } from '../../src/backoff.js';
import { WsIngestError } from '../../src/errors.js';

test('backoff doubles from the initial delay up to the cap, jittered into the upper half', () => {
  const options = { initialDelayMs: 100, maxDelayMs: 1000 };
  const highest = [1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, { ...options, random: () => 1 }));
  const lowest = [1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, { ...options, random: () => 0 }));
  assert.deepEqual(highest, [100, 200, 400, 800, 1000, 1000]);
  assert.deepEqual(lowest, [50, 100, 200, 400, 500, 500]);
});

const passing = () => new WsIngestError('CONNECTION_LOST', 'dropped', { retryable: true });
const fast = { initialDelayMs: 0, maxDelayMs: 0 };

test('retries stop at an error that is not retryable', async () => {
  let attempts = 0;
  await assert.rejects(withRetries(() => {
    attempts++;
    throw attempts < 3 ? passing() : new WsIngestError('FORBIDDEN', 'no');
  }, fast), { code: 'FORBIDDEN' });
  assert.equal(attempts, 3);
});

test('retries give up after so many failures in a row', async () => {
  let attempts = 0;
  await assert.rejects(withRetries(() => { attempts++; throw passing(); }, { ...fast, retries: 4 }),
                       { code: 'CONNECTION_LOST' });
  assert.equal(attempts, 5);
});

test('progress starts the count of failures again', async () => {
  let attempts = 0;
  const result = await withRetries((madeProgress) => {
    attempts++;
    if (attempts < 10) {
      madeProgress();
      throw passing();
    }
    return 'done';
  }, { ...fast, retries: 2 });
  assert.equal(result, 'done');
});

test('an aborted signal ends the wait between attempts', async () => {
  const stop = new AbortController();
  const running = withRetries(() => { throw passing(); },
                              { initialDelayMs: 60_000, maxDelayMs: 60_000, signal: stop.signal });
  stop.abort();
  await assert.rejects(running, { code: 'ABORTED' });
});
