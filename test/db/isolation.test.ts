import { AbortedTransactionError, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createPgDb } from '../../src/db/pg.js'
import { DB_KINDS, openTestDb } from '../helpers/db.js'

// The tests' own isolation (test/helpers/rollback.ts): each test sees the migrated schema and
// nothing of any other test, and the app's transactions and failed statements behave inside it
// as they do on a database of its own.

const org = (slug: string) => ({ slug, name_th: `หน่วยงาน ${slug}`, name_en: slug })
const orgSlugs = async (db: Awaited<ReturnType<typeof openTestDb>>['db']) =>
  (await db.selectFrom('orgs').select('slug').orderBy('slug').execute()).map((r) => r.slug)

describe.each(DB_KINDS)('test isolation by rollback (%s)', (kind) => {
  it('what one test wrote is gone for the next', async () => {
    const first = await openTestDb(kind)
    expect(first.isolation).toBe('rollback')
    const before = await orgSlugs(first.db)
    await first.db.insertInto('orgs').values(org('left-behind')).execute()
    expect(await orgSlugs(first.db)).toContain('left-behind')
    await first.close()
    const next = await openTestDb(kind)
    try {
      expect(await orgSlugs(next.db)).toEqual(before)
    } finally {
      await next.close()
    }
  })

  it('a failed statement outside a transaction leaves the test’s other work standing', async () => {
    const t = await openTestDb(kind)
    try {
      await t.db.insertInto('orgs').values(org('kept')).execute()
      await expect(t.db.insertInto('orgs').values(org('kept')).execute()).rejects.toThrow(/duplicate key/)
      expect(await orgSlugs(t.db)).toContain('kept')
      await t.db.insertInto('orgs').values(org('after')).execute()
      expect(await orgSlugs(t.db)).toEqual(expect.arrayContaining(['kept', 'after']))
    } finally {
      await t.close()
    }
  })

  it('so does each of many failures, among many statements and app transactions', async () => {
    // More statements than rollback.ts keeps savepoints for before it releases them at once.
    const t = await openTestDb(kind)
    try {
      const kept: string[] = []
      for (let i = 0; i < 100; i++) {
        const slug = `many-${String(i).padStart(3, '0')}`
        await t.db.insertInto('orgs').values(org(slug)).execute()
        kept.push(slug)
        if (i % 7 === 0) {
          const again = t.db.insertInto('orgs').values(org(slug)).execute()
          await expect(again).rejects.toThrow(/duplicate key/)
        }
        if (i % 30 === 0) {
          await expect(
            t.db.transaction().execute(async (trx) => {
              await trx
                .insertInto('orgs')
                .values(org(`undone-${i}`))
                .execute()
              throw new Error('changed my mind')
            }),
          ).rejects.toThrow('changed my mind')
          await t.db.transaction().execute((trx) =>
            trx
              .insertInto('orgs')
              .values(org(`done-${i}`))
              .execute(),
          )
          kept.push(`done-${i}`)
        }
      }
      const slugs = await orgSlugs(t.db)
      expect(slugs).toEqual(expect.arrayContaining(kept))
      expect(slugs.filter((s) => s.startsWith('undone-'))).toEqual([])
    } finally {
      await t.close()
    }
  })

  it('an app transaction commits or rolls back only its own work', async () => {
    const t = await openTestDb(kind)
    try {
      await t.db.transaction().execute((trx) => trx.insertInto('orgs').values(org('committed')).execute())
      await expect(
        t.db.transaction().execute(async (trx) => {
          await trx.insertInto('orgs').values(org('undone')).execute()
          throw new Error('changed my mind')
        }),
      ).rejects.toThrow('changed my mind')
      const slugs = await orgSlugs(t.db)
      expect(slugs).toContain('committed')
      expect(slugs).not.toContain('undone')
    } finally {
      await t.close()
    }
  })

  it('a transaction whose statement failed does not commit, as PostgreSQL’s COMMIT would not', async () => {
    const t = await openTestDb(kind)
    try {
      await t.db.insertInto('orgs').values(org('taken')).execute()
      const attempt = t.db.transaction().execute(async (trx) => {
        await trx.insertInto('orgs').values(org('inside')).execute()
        await trx
          .insertInto('orgs')
          .values(org('taken'))
          .execute()
          .catch(() => {})
      })
      await expect(attempt).rejects.toBeInstanceOf(AbortedTransactionError)
      expect(await orgSlugs(t.db)).not.toContain('inside')
      expect(await orgSlugs(t.db)).toContain('taken')
    } finally {
      await t.close()
    }
  })

  it('a second transaction waits for the first, as on one connection', async () => {
    const t = await openTestDb(kind)
    try {
      const order: string[] = []
      let release = () => {}
      const held = new Promise<void>((r) => {
        release = r
      })
      const first = t.db.transaction().execute(async (trx) => {
        order.push('first begins')
        await trx.insertInto('orgs').values(org('first')).execute()
        await held
        order.push('first ends')
      })
      const second = t.db.transaction().execute(async () => {
        order.push('second begins')
      })
      await new Promise((r) => setTimeout(r, 20))
      release()
      await Promise.all([first, second])
      expect(order).toEqual(['first begins', 'first ends', 'second begins'])
    } finally {
      await t.close()
    }
  })

  it('two databases open at once are two databases', async () => {
    const a = await openTestDb(kind)
    const b = await openTestDb(kind)
    try {
      await a.db.insertInto('orgs').values(org('only-in-a')).execute()
      expect(await orgSlugs(b.db)).not.toContain('only-in-a')
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('a closed test database refuses work instead of writing into the next test', async () => {
    const t = await openTestDb(kind)
    await t.close()
    await expect(t.db.selectFrom('orgs').selectAll().execute()).rejects.toThrow(/closed/)
  })

  it('work a closed test left running neither holds up the next test nor lands in it', async () => {
    const first = await openTestDb(kind)
    let resume = () => {}
    const paused = new Promise<void>((r) => {
      resume = r
    })
    // A background task of the first test, inside a transaction, when the test ends.
    const leftover = first.db.transaction().execute(async (trx) => {
      await paused
      await trx.insertInto('orgs').values(org('late')).execute()
    })
    leftover.catch(() => {})
    await new Promise((r) => setTimeout(r, 10))
    await first.close()
    const next = await openTestDb(kind)
    try {
      await next.db.transaction().execute((trx) => trx.insertInto('orgs').values(org('next')).execute())
      resume()
      await expect(leftover).rejects.toThrow(/closed/)
      const slugs = await orgSlugs(next.db)
      expect(slugs).toContain('next')
      expect(slugs).not.toContain('late')
    } finally {
      await next.close()
    }
  })

  it('statements that cannot run in a transaction say so (such a test needs a database of its own)', async () => {
    const t = await openTestDb(kind)
    try {
      await expect(sql`create index concurrently orgs_by_slug on orgs (slug)`.execute(t.db)).rejects.toThrow(
        /transaction block/,
      )
      expect(await orgSlugs(t.db)).toContain('default')
      // VACUUM is the exception: a rolled-back test has nothing committed to compact, so the
      // jobs that compact after their work (the complaints' entry) run in rolled-back tests.
      expect(await sql`vacuum orgs`.execute(t.db)).toEqual({ rows: [] })
    } finally {
      await t.close()
    }
  })
})

describe.each(DB_KINDS)('a database of its own (%s)', (kind) => {
  const nextId = async (db: Awaited<ReturnType<typeof openTestDb>>['db']) => {
    const r = await sql<{
      id: string
    }>`select nextval(pg_get_serial_sequence('engagement_events', 'id')) as id`.execute(db)
    return Number(r.rows[0]?.id)
  }

  it('starts as the migrations left it: a sequence a rolled-back test used starts afresh', async () => {
    const rolled = await openTestDb(kind)
    await nextId(rolled.db)
    expect(await nextId(rolled.db)).toBeGreaterThan(1)
    await rolled.close()
    const own = await openTestDb(kind, { isolation: 'database' })
    try {
      expect(own.isolation).toBe('database')
      expect(await nextId(own.db)).toBe(1)
      await sql`vacuum orgs`.execute(own.db)
    } finally {
      await own.close()
    }
  })
})

describe('a second connection needs a database of its own', () => {
  it('a rolled-back PostgreSQL test has no URL to hand out', async () => {
    const t = await openTestDb('postgres')
    try {
      expect(() => t.url).toThrow(/isolation: 'connections'/)
    } finally {
      await t.close()
    }
  })

  it('with isolation "connections" a second pool sees what the first committed', async () => {
    const t = await openTestDb('postgres', { isolation: 'connections' })
    const url = t.url ?? ''
    const second = createPgDb(url, { max: 1 })
    try {
      await t.db.insertInto('orgs').values(org('seen')).execute()
      expect(await orgSlugs(second)).toContain('seen')
    } finally {
      await second.destroy()
      await t.close()
    }
  })
})
