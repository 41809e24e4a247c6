import type { Clock } from '../core/clock.js'
import type { FailureLog } from '../core/failures.js'
import type { Logger } from '../core/logger.js'

/**
 * The loop's failures, said once. The loop tries again after a failure, so a database that stays
 * down fails every few seconds: each failure goes to the FailureLog (its cause logged the first
 * time, then once a window with how often it repeated, and counted for `/healthz`), and the pass
 * that works again says how long and how often it failed. The failures since the last pass that
 * worked also set how long the loop waits before trying again.
 */
export interface LoopFailures {
  failed(event: string, err: unknown): void
  /**
   * A pass went through: whatever failed before is over. Only a pass: a look that works does not
   * mean a pass will (a worker's write may be what fails).
   */
  worked(): void
  /** Failures since the last pass that worked. */
  streak(): number
  /** The wait before trying again: 1 s, 2 s, 4 s … at most `capMs`. */
  backoff(capMs: number): number
}

const FIRST_BACKOFF_MS = 1_000

export function createLoopFailures(deps: { failures: FailureLog; log: Logger; clock: Clock }): LoopFailures {
  let streak = 0
  let since = 0
  return {
    failed(event, err) {
      if (streak === 0) since = deps.clock.now().getTime()
      streak++
      deps.failures.report(event, err)
    },
    worked() {
      if (streak === 0) return
      deps.log.info('broadcast.recovered', {
        failures: streak,
        failingMs: deps.clock.now().getTime() - since,
      })
      streak = 0
    },
    streak: () => streak,
    backoff(capMs) {
      return Math.min(capMs, FIRST_BACKOFF_MS * 2 ** Math.max(streak - 1, 0))
    },
  }
}
