import { AbortedError } from './errors.js';

/** @typedef {{retries?: number, initialDelayMs?: number, maxDelayMs?: number, random?: () => number}} RetryOptions */

export const DEFAULT_RETRY = Object.freeze({ retries: 8, initialDelayMs: 500, maxDelayMs: 30_000 });

/**
 * The pause before the attempt after `failures` failed ones: exponential, capped, and jittered into its upper half, so
 * that clients dropped together (a redeploy) do not all come back at the same instant.
 */
export function backoffDelay(failures, { initialDelayMs = DEFAULT_RETRY.initialDelayMs,
                                         maxDelayMs = DEFAULT_RETRY.maxDelayMs, random = Math.random } = {}) {
  const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, failures - 1));
  return ceiling * (0.5 + random() / 2);
}

/** Resolves after `ms`, or rejects with an AbortedError as soon as the signal aborts. */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortedError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds, fails with an error that is not `retryable`, or has failed `retries` times in a
 * row without progress. `attempt` gets a callback that says it made progress (bytes stored), which starts the count of
 * failures again: a long upload over a flaky network should not run out of retries.
 *
 * @template T
 * @param {(madeProgress: () => void) => Promise<T>} attempt
 * @param {RetryOptions & {signal?: AbortSignal, onRetry?: (error: Error, delayMs: number) => void}} [options]
 * @returns {Promise<T>}
 */
export async function withRetries(attempt, options = {}) {
  const retries = options.retries ?? DEFAULT_RETRY.retries;
  let failures = 0;
  for (;;) {
    try {
      return await attempt(() => { failures = 0; });
    } catch (error) {
      failures++;
      if (!error?.retryable || failures > retries || options.signal?.aborted) throw error;
      const delay = backoffDelay(failures, options);
      options.onRetry?.(error, delay);
      await sleep(delay, options.signal);
    }
  }
}
