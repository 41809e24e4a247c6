import type { Kysely } from 'kysely'
import type { Database, NewInboxRow } from '../db/schema.js'
import { insertEvents } from './inbox-repository.js'

/** Stores inbox rows; resolves with the ids that were new once they are committed. */
export type InboxWriter = (rows: NewInboxRow[]) => Promise<Set<string>>

interface Waiting {
  rows: NewInboxRow[]
  resolve: (ids: Set<string>) => void
  reject: (err: unknown) => void
}

/**
 * Group commit for the webhook: while `maxInFlight` INSERTs are running, requests that arrive
 * wait and are written together in the next one. An idle server writes each request at once
 * (no added latency); a busy one pays one round trip and one WAL flush for many requests. Every
 * caller still gets its answer only after its own rows are committed, so LINE's 200 stays durable.
 */
export function createInboxWriter(
  db: Kysely<Database>,
  opts: { maxInFlight?: number; maxBatchRows?: number } = {},
): InboxWriter {
  const maxInFlight = opts.maxInFlight ?? 4
  const maxBatchRows = opts.maxBatchRows ?? 500
  const queue: Waiting[] = []
  let inFlight = 0

  const pump = () => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch: Waiting[] = []
      let size = 0
      while (
        queue.length > 0 &&
        (batch.length === 0 || size + (queue[0]?.rows.length ?? 0) <= maxBatchRows)
      ) {
        const next = queue.shift()
        if (!next) break
        batch.push(next)
        size += next.rows.length
      }
      inFlight++
      insertEvents(
        db,
        batch.flatMap((w) => w.rows),
      )
        .then(
          (ids) => {
            const stored = new Set(ids)
            for (const w of batch) w.resolve(stored)
          },
          (err) => {
            for (const w of batch) w.reject(err)
          },
        )
        .finally(() => {
          inFlight--
          pump()
        })
    }
  }

  return (rows) =>
    new Promise((resolve, reject) => {
      if (rows.length === 0) return resolve(new Set())
      queue.push({ rows, resolve, reject })
      pump()
    })
}
