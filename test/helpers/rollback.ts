import {
  AbortedTransactionError,
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  type QueryResult,
} from 'kysely'
import type { Database } from '../../src/db/schema.js'

// Isolation by rollback: a test's database is one long transaction on a connection the test
// process keeps open, rolled back when the test closes it, so each test starts from the migrated
// schema without paying for a new database. What the app calls a transaction becomes a
// savepoint inside it, and each statement outside one runs in a savepoint of its own, so a
// failed statement the app catches (a unique violation it answers as "taken") leaves the rest
// of the test's work standing, as autocommit would. Those savepoints are not released one by
// one: a statement's savepoint stays, nested in the one before, and a single RELEASE of the
// oldest drops KEEP of them at once. A RELEASE after each statement was a third of all the
// round trips, 10–15 s of the `db` project's ~175 s of CPU (README, "Tests").
//
// The shape is PGlite's own: one connection, one transaction at a time (a second waits), and
// statements outside a transaction run at once, inside it if one is open. The app already runs
// that way on PGlite, so it runs that way here on PostgreSQL too.
//
// What it cannot give, and what tests that need it open a database of their own for: a second
// connection (locks, SKIP LOCKED, leases, two instances), commits another session can see,
// now() that moves, fresh sequences, and the system columns of committed rows (xmin).

/** One statement at a time on the shared connection: a unit's statements never interleave. */
class Lock {
  #tail: Promise<unknown> = Promise.resolve()

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(work)
    this.#tail = result.catch(() => {})
    return result
  }
}

/** A lock held from one call to another (a transaction, from begin to commit). */
class Gate {
  #tail: Promise<void> = Promise.resolve()

  async enter(): Promise<() => void> {
    let leave = () => {}
    const left = new Promise<void>((resolve) => {
      leave = resolve
    })
    const before = this.#tail
    this.#tail = before.then(() => left)
    await before
    return leave
  }
}

let names = 0
/** Statement savepoints left nested before the oldest is released (and all after it with it). */
const KEEP = 32
const savepointName = (kind: string) => `rb_${kind}_${++names}`

type Exec = (q: CompiledQuery) => Promise<QueryResult<unknown>>

/** Back to where savepoint `name` was taken, and the savepoint gone. */
async function undo(exec: Exec, name: string): Promise<void> {
  await exec(CompiledQuery.raw(`rollback to savepoint ${name}`))
  await exec(CompiledQuery.raw(`release savepoint ${name}`))
}

/** The connection every rolled-back test of this process runs on. */
export class SharedConnection {
  readonly #conn: DatabaseConnection
  readonly #statements = new Lock()
  #current: Lease | null = null

  constructor(conn: DatabaseConnection) {
    this.#conn = conn
  }

  get busy(): boolean {
    return this.#current !== null
  }

  /**
   * Runs statements back to back with nothing else between them, for the lease that holds the
   * connection only: work a closed test left behind (a background task still running, a
   * transaction committing late) is refused instead of landing in the next test's transaction.
   */
  unit<T>(owner: Lease, work: (exec: Exec) => Promise<T>): Promise<T> {
    return this.#statements.run(() => {
      if (this.#current !== owner) throw closedError()
      return work((q) => this.#conn.executeQuery(q))
    })
  }

  /** Opens the test's transaction. One test at a time: a second is a caller's mistake. */
  async lease(): Promise<Lease> {
    if (this.#current) throw new Error('the shared test connection is already leased')
    const lease = new Lease(this)
    this.#current = lease
    await this.unit(lease, (exec) => exec(CompiledQuery.raw('begin')))
    return lease
  }

  async release(lease: Lease): Promise<void> {
    if (this.#current !== lease) return
    await this.unit(lease, async (exec) => {
      try {
        await exec(CompiledQuery.raw('rollback'))
      } finally {
        this.#current = null
      }
    })
  }
}

/** One test's view of the shared connection; refuses work once the test has closed it. */
export class Lease {
  readonly #shared: SharedConnection
  // The test's own: a transaction a closed test never finished holds nobody else up.
  readonly #transactions = new Gate()
  #open = true
  /** While one of the app's transactions is open, a statement's savepoint is released at once. */
  #inTransaction = 0
  /** Savepoints of statements run outside a transaction, not yet released: oldest first. */
  #kept: string[] = []

  constructor(shared: SharedConnection) {
    this.#shared = shared
  }

  get open(): boolean {
    return this.#open
  }

  unit<T>(work: (exec: Exec) => Promise<T>): Promise<T> {
    return this.#shared.unit(this, work)
  }

  async enterTransaction(): Promise<() => void> {
    const leave = await this.#transactions.enter()
    this.#inTransaction++
    let left = false
    return () => {
      if (left) return
      left = true
      this.#inTransaction--
      leave()
    }
  }

  /**
   * A statement outside the app's transactions, in a savepoint of its own: on failure the test's
   * transaction goes back to just before it. Outside any transaction the savepoint is kept
   * (nested savepoints cost nothing until released) and KEEP of them go with one RELEASE; inside
   * one, a RELEASE of the oldest would release the transaction's own savepoint too.
   */
  statement<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const name = savepointName('q')
    return this.unit(async (exec) => {
      // Read inside the unit: no transaction's savepoint can be taken or released meanwhile.
      const keep = this.#inTransaction === 0
      const oldest = this.#kept[0]
      if (keep && oldest !== undefined && this.#kept.length >= KEEP) {
        await exec(CompiledQuery.raw(`release savepoint ${oldest}`))
        this.#kept = []
      }
      await exec(CompiledQuery.raw(`savepoint ${name}`))
      try {
        const result = (await exec(query)) as QueryResult<R>
        if (keep) this.#kept.push(name)
        else await exec(CompiledQuery.raw(`release savepoint ${name}`))
        return result
      } catch (err) {
        if (!keep) await undo(exec, name)
        else {
          // Back to before the statement; the savepoint stays, nested like the others.
          await exec(CompiledQuery.raw(`rollback to savepoint ${name}`))
          this.#kept.push(name)
        }
        throw err
      }
    })
  }

  db(
    dialect: Pick<Dialect, 'createAdapter' | 'createIntrospector' | 'createQueryCompiler'>,
  ): Kysely<Database> {
    return new Kysely<Database>({
      dialect: {
        createAdapter: () => dialect.createAdapter(),
        createDriver: () => new RollbackDriver(this),
        createIntrospector: (db) => dialect.createIntrospector(db),
        createQueryCompiler: () => dialect.createQueryCompiler(),
      },
    })
  }

  async end(): Promise<void> {
    if (!this.#open) return
    this.#open = false
    await this.#shared.release(this)
  }
}

function closedError(): Error {
  return new Error('the test database is closed (its transaction was rolled back)')
}

/** A session as the app sees it: in a transaction (a savepoint) or not. */
class RollbackConnection implements DatabaseConnection {
  readonly #lease: Lease
  transaction: { savepoint: string; leave: () => void } | null = null

  constructor(lease: Lease) {
    this.#lease = lease
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.#lease.open) return Promise.reject(closedError())
    // VACUUM cannot run in a transaction; a rolled-back test has nothing committed to compact.
    if (/^\s*vacuum\b/i.test(query.sql)) return Promise.resolve({ rows: [] })
    if (this.transaction) {
      return this.#lease.unit((exec) => exec(query)) as Promise<QueryResult<R>>
    }
    return this.#lease.statement<R>(query)
  }

  // biome-ignore lint/correctness/useYield: the app streams nothing; a test that does is told so
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on a rolled-back test database')
  }
}

class RollbackDriver implements Driver {
  readonly #lease: Lease

  constructor(lease: Lease) {
    this.#lease = lease
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (!this.#lease.open) throw closedError()
    return new RollbackConnection(this.#lease)
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const conn = asRollback(connection)
    const leave = await this.#lease.enterTransaction()
    if (!this.#lease.open) {
      leave()
      throw closedError()
    }
    const savepoint = savepointName('t')
    try {
      await this.#lease.unit((exec) => exec(CompiledQuery.raw(`savepoint ${savepoint}`)))
    } catch (err) {
      leave()
      throw err
    }
    conn.transaction = { savepoint, leave }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const conn = asRollback(connection)
    const trx = conn.transaction
    if (!trx) return
    conn.transaction = null
    try {
      // RELEASE of a savepoint whose work failed is refused (25P02): PostgreSQL's COMMIT would
      // have rolled the transaction back instead, so do that and say so as Kysely's driver does.
      const aborted = await this.#lease.unit(async (exec) => {
        try {
          await exec(CompiledQuery.raw(`release savepoint ${trx.savepoint}`))
          return false
        } catch {
          await undo(exec, trx.savepoint)
          return true
        }
      })
      if (aborted) throw new AbortedTransactionError()
    } finally {
      trx.leave()
    }
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const conn = asRollback(connection)
    const trx = conn.transaction
    if (!trx) return
    conn.transaction = null
    try {
      if (!this.#lease.open) return
      await this.#lease.unit((exec) => undo(exec, trx.savepoint))
    } finally {
      trx.leave()
    }
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name}"`))
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint "${name}"`))
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint "${name}"`))
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    await this.#lease.end()
  }
}

function asRollback(connection: DatabaseConnection): RollbackConnection {
  if (!(connection instanceof RollbackConnection)) throw new Error('not a rolled-back test connection')
  return connection
}
