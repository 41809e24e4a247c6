import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createPgDb } from '../../src/db/pg.js'
import { openTestDb } from '../helpers/db.js'

// When PostgreSQL goes away (a restart, `pg_ctl stop -m fast`), every backend is terminated at
// once, and a connection checked out between two queries of a transaction hears it as an
// 'error' event on its client. Without a listener that event crashed the process (the
// db-outage drill: both instances exited with "terminating connection due to administrator
// command"). The transaction must fail instead, and the pool go on.
describe('a connection lost in the middle of a transaction (postgres)', () => {
  it('fails that transaction, does not crash the process, and the pool serves the next query', async () => {
    const t = await openTestDb('postgres', { isolation: 'connections' })
    const url = t.url ?? ''
    const db = createPgDb(url, { max: 2 })
    const killer = createPgDb(url, { max: 1 })
    try {
      const outcome = await db
        .transaction()
        .execute(async (trx) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)
          // The connection is checked out and idle between queries while this one ends it.
          await sql`select pg_terminate_backend(${rows[0]?.pid ?? 0})`.execute(killer)
          await new Promise((r) => setTimeout(r, 200))
          await sql`select 1`.execute(trx)
          return 'committed'
        })
        .catch(() => 'failed')
      expect(outcome).toBe('failed')
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db)
      expect(rows[0]?.one).toBe(1)
    } finally {
      await db.destroy()
      await killer.destroy()
      await t.close()
    }
  })
})
