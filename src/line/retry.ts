/**
 * Retry and timeout helpers, free of LINE and HTTP: the adapter decides what is transient.
 * Time is injected (sleep, random) so tests run without waiting.
 */
export interface RetryPolicy {
  /** Attempts after the first one. */
  maxRetries: number
  baseDelayMs: number
  maxDelayMs: number
  sleep: (ms: number) => Promise<void>
  /** A number in [0, 1); Math.random in production. */
  random: () => number
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Delay before retry number `retry` (0-based): exponential, capped, with "equal jitter" (half
 * fixed, half random) so that many senders hit by the same outage do not come back in step,
 * yet each still waits at least half the backoff.
 */
export function backoffDelay(retry: number, p: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>) {
  const cap = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** retry)
  return Math.round(cap / 2 + p.random() * (cap / 2))
}

/**
 * Runs `attempt` until `isTransient` says its result is final or the retries are spent, and
 * returns the last result. Attempts return values: nothing here catches.
 */
export async function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  isTransient: (result: T) => boolean,
  policy: RetryPolicy,
): Promise<T> {
  let result = await attempt(0)
  for (let retry = 0; retry < policy.maxRetries && isTransient(result); retry++) {
    await policy.sleep(backoffDelay(retry, policy))
    result = await attempt(retry + 1)
  }
  return result
}

export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`)
    this.name = 'TimeoutError'
  }
}

/**
 * Rejects with TimeoutError when `run` has not settled within `ms`. The work itself cannot be
 * cancelled (the LINE SDK takes no AbortSignal): it finishes or fails in the background, and
 * Promise.race keeps its late rejection from going unhandled.
 */
export function withTimeout<T>(ms: number, run: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(ms)), ms)
  })
  return Promise.race([Promise.resolve().then(run), timeout]).finally(() => clearTimeout(timer))
}
