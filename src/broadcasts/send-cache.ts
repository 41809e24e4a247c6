import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { LinePort } from '../line/port.js'
import { createSendPace } from './pace.js'
import { reserveSendTime } from './pace-repository.js'
import { findRun } from './repository.js'
import type { RunRow } from './tables.js'

/**
 * What a pass looks up once and shares between its workers. Promises are kept, not their values,
 * so workers asking at the same moment share one query; a lookup that failed fails alike for the
 * rest of the pass.
 */
export interface SendCache {
  run(runId: string): Promise<RunRow | undefined>
  /** An organization's LINE channel; null when it has none. */
  port(orgId: string): Promise<LinePort | null>
  /** Resolves at the organization's next send slot (at once when unpaced). */
  pace(orgId: string): Promise<void>
}

export interface SendCacheDeps {
  db: Kysely<Database>
  lineFor(orgId: string): Promise<LinePort | null>
  sleep(ms: number): Promise<void>
}

export function createSendCache(deps: SendCacheDeps, maxPerSecond: number | null): SendCache {
  const run = memo((runId) => findRun(deps.db, runId))
  const port = memo((orgId) => deps.lineFor(orgId))
  const paceOf =
    maxPerSecond === null
      ? null
      : memo((orgId) =>
          createSendPace({
            perSecond: maxPerSecond,
            reserve: (spanMs) => reserveSendTime(deps.db, orgId, spanMs),
            now: () => performance.now(),
            sleep: deps.sleep,
          }),
        )
  return {
    run,
    port,
    async pace(orgId) {
      if (paceOf === null) return
      await paceOf(orgId).take()
    },
  }
}

function memo<V extends object>(make: (key: string) => V): (key: string) => V {
  const made = new Map<string, V>()
  return (key) => {
    const had = made.get(key)
    if (had !== undefined) return had
    const value = make(key)
    made.set(key, value)
    return value
  }
}
