import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { DB_KINDS, openTestDb } from '../helpers/db.js'

describe('pg and PGlite give the same JS types', () => {
  it.each(DB_KINDS)('%s', async (kind) => {
    const t = await openTestDb(kind)
    try {
      const { rows } = await sql<Record<string, unknown>>`select
        42::int8 as big, 7::int4 as small, 12345.67::numeric(12,2) as money,
        '2026-10-01'::date as day, '2026-11-22T03:00:00Z'::timestamptz as at,
        true as flag, '{"a":1}'::jsonb as doc, 'งบประมาณ'::text as thai`.execute(t.db)
      expect(rows[0]).toEqual({
        big: 42,
        small: 7,
        money: '12345.67',
        day: '2026-10-01',
        at: new Date('2026-11-22T03:00:00Z'),
        flag: true,
        doc: { a: 1 },
        thai: 'งบประมาณ',
      })
    } finally {
      await t.close()
    }
  })
})
