import type { FailureLog } from './failures.js'

export interface Background {
  /** Runs work after the response (AppDeps['background']). */
  run(task: () => Promise<unknown>): void
  /** Resolves when no task is left (a task may start another: a drain kicks a drain). */
  settle(): Promise<void>
}

/**
 * Detached tasks, each failure reported once. The inbox hands every request that asks for a
 * drain the one already running: watching that promise once per request logged one line per
 * waiter (6,000 identical lines in a millisecond when the database blinked for 3 s). A promise
 * already watched is not watched again.
 */
export function createBackground(failures: FailureLog, keep?: (p: Promise<unknown>) => void): Background {
  const inFlight = new Set<Promise<unknown>>()
  const watched = new WeakSet<Promise<unknown>>()
  return {
    run(task) {
      let started: Promise<unknown>
      try {
        started = task()
      } catch (err) {
        started = Promise.reject(err)
      }
      if (watched.has(started)) return
      watched.add(started)
      const p: Promise<unknown> = started
        .catch((err) => failures.report('background.failed', err))
        .finally(() => inFlight.delete(p))
      inFlight.add(p)
      keep?.(p)
    },
    async settle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight])
    },
  }
}
