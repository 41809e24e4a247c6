import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { reserveSendTime } from '../../src/broadcasts/pace-repository.js'
import { createPgDb } from '../../src/db/pg.js'
import { DB_KINDS, openTestDb } from '../helpers/db.js'

const SPAN = 600_000
/** Generous: only a stall of this long between two statements could make a correct row look wrong. */
const SLACK = 10_000

describe.each(DB_KINDS)('shared send pace row (%s)', (kind) => {
  it('reservations follow one another; an idle channel starts now; organizations are apart', async () => {
    const t = await openTestDb(kind)
    try {
      await t.db.insertInto('orgs').values({ slug: 'other', name_th: 'อื่น', name_en: 'Other' }).execute()
      const first = await reserveSendTime(t.db, 'default', SPAN)
      expect(first).toBeLessThanOrEqual(0)
      expect(first).toBeGreaterThan(-SLACK)
      const second = await reserveSendTime(t.db, 'default', SPAN)
      expect(second).toBeLessThanOrEqual(SPAN)
      expect(second).toBeGreaterThan(SPAN - SLACK)
      // Another channel is not behind this one's queue.
      expect(await reserveSendTime(t.db, 'other', 1)).toBeLessThanOrEqual(0)
      // Once the reserved time has passed, the next reservation starts now, not in the past.
      await reserveSendTime(t.db, 'other', 1)
      await new Promise((r) => setTimeout(r, 20))
      const idle = await reserveSendTime(t.db, 'other', 1)
      expect(idle).toBeLessThanOrEqual(0)
      expect(idle).toBeGreaterThan(-SLACK)
    } finally {
      await t.close()
    }
  })

  it('the row is unlogged: its many writes wait for no WAL flush, and a crash only empties it', async () => {
    const t = await openTestDb(kind)
    try {
      const r = await sql<{ p: string }>`
        select relpersistence as p from pg_class where oid = 'line_send_pace'::regclass`.execute(t.db)
      expect(r.rows[0]?.p).toBe('u')
    } finally {
      await t.close()
    }
  })

  it('reservations made at the same moment from two instances never overlap', async () => {
    const t = await openTestDb(kind, { isolation: 'connections' })
    // PostgreSQL: a second pool is a second instance. PGlite has one connection.
    const second = kind === 'postgres' && t.url ? createPgDb(t.url, { max: 5 }) : t.db
    try {
      const waits = await Promise.all(
        Array.from({ length: 12 }, (_, i) => reserveSendTime(i % 2 === 0 ? t.db : second, 'default', SPAN)),
      )
      const sorted = waits.sort((a, b) => a - b)
      sorted.forEach((w, i) => {
        expect(w).toBeLessThanOrEqual(i * SPAN)
        expect(w).toBeGreaterThan(i * SPAN - SLACK)
      })
    } finally {
      if (second !== t.db) await second.destroy()
      await t.close()
    }
  })
})
