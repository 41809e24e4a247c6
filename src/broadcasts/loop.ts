import { errorFields, silentLogger } from '../core/logger.js'
import { nextClaimableAt } from './deliveries.js'
import { safeTick, type TickDeps, type TickReport } from './tick.js'

/**
 * A long-lived instance's broadcast sender (Node): the minute tick starts a pass, and while a run
 * is open the loop keeps passing on its own, as soon as work becomes claimable there: a run
 * another instance is expanding (it joins in as the rows appear, instead of a minute later), the
 * rows of a crashed instance (when their short lease runs out), a backoff or a rate-limit pause
 * that ends. Nothing open, or nothing claimable within `horizonMs`: it stops and costs nothing
 * until the next minute tick. A failed pass stops it too (said once, by safeTick).
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
  let stopped = false
  let wake: () => void = () => {}
  const woken = new Promise<void>((resolve) => {
    wake = resolve
  })
  // One pass at a time per instance: the minute tick's pass waits for the loop's.
  let chain: Promise<unknown> = Promise.resolve()
  let following: Promise<void> | null = null
  const passDeps: TickDeps = { ...deps, stopping: () => stopped || (deps.stopping?.() ?? false) }

  const pass = (now?: Date): Promise<TickReport | null> => {
    const p = chain.then(() => (stopped ? null : safeTick(passDeps, now ?? deps.clock.now())))
    chain = p
    return p
  }

  // Between passes it only looks (one indexed query); it passes when something is claimable,
  // and never twice within minWait, so work it cannot take (rows held by others) is no spin.
  const follow = async () => {
    let rested = false
    for (;;) {
      let next: Date | null
      try {
        next = await nextClaimableAt(deps.db, deps.clock.now())
      } catch (err) {
        log.error('broadcast.follow_failed', errorFields(err))
        return
      }
      if (stopped || next === null) return
      const delay = next.getTime() - deps.clock.now().getTime()
      if (delay > horizon) return
      if (delay <= 0 && rested) {
        if ((await pass()) === null) return
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
      if (report !== null && !stopped) {
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
