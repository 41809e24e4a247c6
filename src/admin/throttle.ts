// Login throttling: at most MAX failures per key (account e-mail, client address) in WINDOW.
// Failures are rows in the database, so every instance and restart sees the same counts.

export const THROTTLE_MAX_FAILURES = 5
export const THROTTLE_WINDOW_MS = 15 * 60_000

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
