/**
 * Paces one organization's pushes under LINE's per-channel rate limit, shared by every instance:
 * send slots come in small blocks reserved from one database row (reserveSendTime), one slot
 * every 1000/perSecond ms. One instance alone may use the whole limit; several together never
 * exceed it. The next block is reserved while the current one is being used, so the database
 * round trip is off the sending path.
 */
export interface SendPace {
  /** Resolves at this instance's next send slot. */
  take(): Promise<void>
}

export interface SendPaceOptions {
  perSecond: number
  /** Slots per reservation; default one hundredth of a second's worth. */
  block?: number
  /** Reserves `spanMs` of send time; answers ms from now until it starts. */
  reserve(spanMs: number): Promise<number>
  /** A monotonic clock in ms (performance.now). */
  now(): number
  sleep(ms: number): Promise<void>
}

/** A slot older than this was missed; using it late could push a burst over the limit. */
const STALE_MS = 1_000

export function createSendPace(o: SendPaceOptions): SendPace {
  if (!(o.perSecond > 0)) throw new Error('createSendPace: perSecond must be positive')
  const interval = 1000 / o.perSecond
  const block = o.block ?? Math.max(1, Math.round(o.perSecond / 100))
  if (!Number.isInteger(block) || block < 1)
    throw new Error('createSendPace: block must be a positive integer')
  const slots: number[] = []
  let reserving: Promise<void> | null = null
  let failure: unknown = null

  const refill = () => {
    reserving ??= (async () => {
      const wait = await o.reserve(block * interval)
      const start = o.now() + Math.max(0, wait)
      for (let i = 0; i < block; i++) slots.push(start + i * interval)
    })()
      .catch((err: unknown) => {
        failure = err
      })
      .finally(() => {
        reserving = null
      })
    return reserving
  }

  return {
    async take() {
      for (;;) {
        if (failure !== null) {
          const err = failure
          failure = null
          throw err
        }
        const now = o.now()
        while (slots.length > 0 && (slots[0] ?? 0) < now - STALE_MS) slots.shift()
        const at = slots.shift()
        // Between one and two blocks ahead: a reservation that comes back late loses no time.
        if (slots.length < block) void refill()
        if (at === undefined) {
          await refill()
          continue
        }
        const wait = at - now
        if (wait >= 1) await o.sleep(wait)
        return
      }
    },
  }
}
