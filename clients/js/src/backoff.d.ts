/** How reconnects are spaced: exponential from `initialDelayMs`, capped at `maxDelayMs`, jittered. */
export interface RetryOptions {
  /** Failures in a row (without progress) before giving up. Default 8. */
  retries?: number;
  /** Default 500. */
  initialDelayMs?: number;
  /** Default 30000. */
  maxDelayMs?: number;
  /** For tests: a source of numbers in [0, 1). */
  random?: () => number;
}

export const DEFAULT_RETRY: Readonly<Required<Omit<RetryOptions, 'random'>>>;

/** The pause before the next attempt after `failures` failed ones. */
export function backoffDelay(failures: number, options?: RetryOptions): number;

export function sleep(ms: number, signal?: AbortSignal): Promise<void>;

export function withRetries<T>(
  attempt: (madeProgress: () => void) => Promise<T>,
  options?: RetryOptions & { signal?: AbortSignal; onRetry?: (error: Error, delayMs: number) => void },
): Promise<T>;
