/** Runs work one piece at a time, in the order it was handed in. */
export interface Serial {
  /** Resolves or rejects as `work` does, once every piece handed in before it has ended. */
  run<T>(work: () => Promise<T>): Promise<T>
  /** Pieces handed in and not yet ended, the running one included. */
  readonly pending: number
}

/**
 * A queue of one. A piece that fails or throws at once ends like any other: the next one
 * still runs.
 */
export function createSerial(): Serial {
  let tail: Promise<unknown> = Promise.resolve()
  let pending = 0
  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      pending++
      const result = tail.then(() => work())
      const ended = () => {
        pending--
      }
      tail = result.then(ended, ended)
      return result
    },
    get pending() {
      return pending
    },
  }
}
