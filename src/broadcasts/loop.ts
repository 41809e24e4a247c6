import { createFailureLog, type FailureLog } from '../core/failures.js'
import { silentLogger } from '../core/logger.js'
import { nextClaimableAt } from './deliveries.js'
import { createLoopFailures } from './loop-failures.js'
import { type TickDeps, type TickReport, tick } from './tick.js'

/**
 * A long-lived instance's broadcast sender (Node): the minute tick starts a pass, and while a run
 * is open the loop keeps passing on its own, as soon as work becomes claimable there: a run
 * another instance is expanding (it joins in as the rows appear, instead of a minute later), the
 * rows of a crashed instance (when their short lease runs out), a backoff or a rate-limit pause
 * that ends. Nothing open, or nothing claimable within `horizonMs`: it stops and costs nothing
 * until the next minute tick. A pass or a look that fails (the database away for a moment, a
 * worker's write lost) does not stop it: it tries again after a growing wait, the failures said
 * once (loop-failures.ts), since the rest of a run would otherwise wait for the next minute.
 */
export interface BroadcastLoop {
  /** One pass now (materialise, expand, send, finish), then following the open runs. */
  tick(now?: Date): Promise<TickReport | null>
  /** Resolves when the loop has stopped following (tests). */
  idle(): Promise<void>
  /** Claims nothing more, hands back what is claimed but unsent, waits for the pass. */
  stop(): Promise<void>
}

export interface LoopOptions {
  /** Least wait between passes while work is open (others may release rows meanwhile). */
  minWaitMs?: number
  /** Most: new work nobody announces (a retry of failed rows) is seen within this. */
  maxWaitMs?: number
  /** Nothing claimable sooner than this: stop, the minute tick starts again. */
  horizonMs?: number
  /** Waits `ms` or until woken (stop); real timers by default. */
  wait?: (ms: number, woken: Promise<void>) => Promise<void>
  /** Where failures are said and counted (the instance's, for `/healthz`); one of its own by default. */
  failures?: FailureLog
}

const realWait = (ms: number, woken: Promise<void>) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms)
    void woken.then(() => {
      clearTimeout(t)
      resolve()
    })
  })

export function createBroadcastLoop(deps: TickDeps, o: LoopOptions = {}): BroadcastLoop {
  const minWait = o.minWaitMs ?? 500
  const maxWait = o.maxWaitMs ?? 5_000
  const horizon = o.horizonMs ?? 60_000
  const wait = o.wait ?? realWait
  const log = deps.log ?? silentLogger
  const failed = createLoopFailures({
    failures: o.failures ?? createFailureLog({ log, clock: deps.clock }),
    log,
    clock: deps.clock,
  })
  let stopped = false
  let wake: () => void = () => {}
  const woken = new Promise<void>((resolve) => {
    wake = resolve
  })
  // One pass at a time per instance: the minute tick's pass waits for the loop's.
  let chain: Promise<unknown> = Promise.resolve()
  let following: Promise<void> | null = null
  const passDeps: TickDeps = { ...deps, stopping: () => stopped || (deps.stopping?.() ?? false) }

  const once = async (now?: Date): Promise<TickReport | null> => {
    if (stopped) return null
    try {
      const report = await tick(passDeps, now ?? deps.clock.now())
      failed.worked()
      return report
    } catch (err) {
      failed.failed('broadcast.tick_failed', err)
      return null
    }
  }
  const pass = (now?: Date): Promise<TickReport | null> => {
    const p = chain.then(() => once(now))
    chain = p
    return p
  }

  // Between passes it only looks (one indexed query); it passes when something is claimable,
  // and never twice within minWait, so work it cannot take (rows held by others) is no spin.
  // After a failure it first waits out the backoff: trying again at once would mostly fail again.
  const follow = async () => {
    let rested = false
    while (!stopped) {
      if (failed.streak() > 0 && !rested) {
        await wait(failed.backoff(maxWait), woken)
        rested = true
        continue
      }
      let next: Date | null
      try {
        next = await nextClaimableAt(deps.db, deps.clock.now())
      } catch (err) {
        // Whether a run is open is unknown: one may be, so it looks again after the backoff.
        failed.failed('broadcast.follow_failed', err)
        rested = false
        continue
      }
      if (stopped || next === null) return
      const delay = next.getTime() - deps.clock.now().getTime()
      if (delay > horizon) return
      if (delay <= 0 && rested) {
        await pass()
        rested = false
        continue
      }
      await wait(Math.min(maxWait, Math.max(minWait, delay)), woken)
      rested = true
    }
  }

  return {
    async tick(now) {
      const report = await pass(now)
      // Even after a failed pass: the failure may be over in a second, and a run may be open.
      if (!stopped) {
        following ??= follow().finally(() => {
          following = null
        })
      }
      return report
    },
    async idle() {
      while (following) await following
    },
    async stop() {
      stopped = true
      wake()
      await chain
      while (following) await following
    },
  }
}
