/** Time behind an interface so tests can move it. */
export interface Clock {
  now(): Date
  /**
   * How far this machine's clock is from the clock instances coordinate on (the database's),
   * when this clock measures it (synced-clock.ts); absent or null otherwise.
   */
  skew?(): ClockSkew | null
}

export interface ClockSkew {
  /** This machine's clock minus the database's, in ms: positive when this one is ahead. */
  skewMs: number
  /** Round trip of the measurement it comes from: the figure is good to half of it. */
  roundTripMs: number
  /** Beyond this the instance warns (the log once, /healthz while it lasts). */
  toleranceMs: number
  measuredAt: Date
}

export const systemClock: Clock = { now: () => new Date() }

export function fixedClock(start: Date): Clock & { advance(ms: number): void; set(d: Date): void } {
  let t = start.getTime()
  return {
    now: () => new Date(t),
    advance(ms) {
      t += ms
    },
    set(d) {
      t = d.getTime()
    },
  }
}
