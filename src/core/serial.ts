/** A piece's outcome: its own result, or `busy` when it never got its turn (and never ran). */
export type Turn<T> = { ok: true; value: T } | { ok: false; reason: 'busy' }

/** Runs work one piece at a time, in the order it was handed in. */
export interface Serial {
  /**
   * Resolves with `work`'s result once every piece handed in before it has ended, or with
   * `busy` at once when the queue is full, or once it has waited its limit; `busy` work never
   * runs. Rejects as `work` does.
   */
  run<T>(work: () => Promise<T>): Promise<Turn<T>>
  /** Pieces handed in and not yet ended, the running one included. */
  readonly pending: number
}

export interface SerialLimits {
  /** Pieces that may wait behind the running one; the next is `busy` at once. */
  waiting: number
  /** How long a piece may wait for its turn before it is `busy` (ms). */
  waitMs: number
}

const BUSY = { ok: false, reason: 'busy' } as const

/**
 * A queue of one with a bound. The bound is what keeps a stuck piece (a transaction that never
 * ends) from holding everything handed in after it, with its bytes, in memory: those wait their
 * limit and are answered `busy`. A piece that fails or throws at once ends like any other: the
 * next one still runs. The running piece itself has no deadline: only it can end its work.
 */
export function createSerial(limits: SerialLimits): Serial {
  if (!Number.isInteger(limits.waiting) || limits.waiting < 0) {
    throw new Error(`createSerial: waiting must be a whole number ≥ 0, got ${limits.waiting}`)
  }
  if (!(limits.waitMs > 0)) throw new Error(`createSerial: waitMs must be > 0, got ${limits.waitMs}`)
  const queue: { start: () => void; timer: ReturnType<typeof setTimeout> }[] = []
  let running = false

  const next = () => {
    running = false
    const piece = queue.shift()
    if (!piece) return
    clearTimeout(piece.timer)
    piece.start()
  }

  return {
    run<T>(work: () => Promise<T>): Promise<Turn<T>> {
      if (running && queue.length >= limits.waiting) return Promise.resolve(BUSY)
      return new Promise<Turn<T>>((resolve, reject) => {
        const start = () => {
          running = true
          let done: Promise<T>
          try {
            done = work()
          } catch (err) {
            done = Promise.reject(err)
          }
          // The queue moves on before the caller hears: work it hands in next finds it free.
          done.then(
            (value) => {
              next()
              resolve({ ok: true, value })
            },
            (err: unknown) => {
              next()
              reject(err)
            },
          )
        }
        if (!running) return start()
        const piece = {
          start,
          timer: setTimeout(() => {
            queue.splice(queue.indexOf(piece), 1)
            resolve(BUSY)
          }, limits.waitMs),
        }
        queue.push(piece)
      })
    },
    get pending() {
      return queue.length + (running ? 1 : 0)
    },
  }
}
