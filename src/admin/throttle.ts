// Login throttling. Failures are rows in the database, so every instance and restart sees the
// same counts. Three kinds of key, so that no one can lock others out:
// - an account's failures only slow its next attempt (1 s, 2 s, 4 s … at most ACCOUNT_MAX_DELAY),
//   never lock it: its owner gets in once the delay has passed, however hard it is guessed at;
// - an address's failures lock that address (the guesser's own) after ADDRESS_THROTTLE;
// - all failures together: past GLOBAL_THROTTLE, an address that has failed itself must wait
//   (many addresses guessing at once); one with no failure of its own still signs in.

export const THROTTLE_MAX_FAILURES = 5
export const THROTTLE_WINDOW_MS = 15 * 60_000

export const ACCOUNT_FIRST_DELAY_MS = 1000
export const ACCOUNT_MAX_DELAY_MS = 2 * 60_000
export const ADDRESS_THROTTLE: ThrottlePolicy = { max: 10, windowMs: THROTTLE_WINDOW_MS }
/** At most 50: the repository reads the latest 50 failures of a key. */
export const GLOBAL_THROTTLE: ThrottlePolicy = { max: 50, windowMs: THROTTLE_WINDOW_MS }

/**
 * Pure: when an account may be tried again after its recent failures, or null if now. The
 * delay doubles with each failure in the window, from the latest one, up to the cap.
 */
export function accountDelayUntil(
  failures: readonly Date[],
  now: Date,
  windowMs = THROTTLE_WINDOW_MS,
): Date | null {
  const since = now.getTime() - windowMs
  const recent = failures.map((d) => d.getTime()).filter((t) => t > since && t <= now.getTime())
  if (recent.length === 0) return null
  const delay = Math.min(ACCOUNT_FIRST_DELAY_MS * 2 ** Math.min(recent.length - 1, 30), ACCOUNT_MAX_DELAY_MS)
  const until = Math.max(...recent) + delay
  return until > now.getTime() ? new Date(until) : null
}

export interface ThrottlePolicy {
  max: number
  windowMs: number
}

export const defaultThrottle: ThrottlePolicy = { max: THROTTLE_MAX_FAILURES, windowMs: THROTTLE_WINDOW_MS }

/**
 * Pure: when the key may try again, or null if it may now. With `max` failures inside the
 * window, the lock lifts once the oldest of the latest `max` leaves the window.
 */
export function lockedUntil(failures: readonly Date[], now: Date, policy = defaultThrottle): Date | null {
  const since = now.getTime() - policy.windowMs
  const recent = failures
    .map((d) => d.getTime())
    .filter((t) => t > since && t <= now.getTime())
    .sort((a, b) => b - a)
  if (recent.length < policy.max) return null
  const pivot = recent[policy.max - 1]
  return pivot === undefined ? null : new Date(pivot + policy.windowMs)
}

/** The later of two lock times (per account, per address). */
export function laterOf(a: Date | null, b: Date | null): Date | null {
  if (!a) return b
  if (!b) return a
  return a.getTime() >= b.getTime() ? a : b
}
