import { execFileSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { migrations } from '../../migrations/index.js'
import { openPglite, SMALL_SERVER } from '../../src/runtime/pglite.js'
import { findSeed, projectRoot, publishSeed, seedKey } from '../../src/runtime/pglite-seed.js'
// The migrated data directory globalSetup builds stands in for a seed npm's postinstall makes.
import '../helpers/db.js'

const tmp = mkdtempSync(join(tmpdir(), 'pglite-seed-'))
const seeds = join(tmp, 'seeds')

beforeAll(() => {
  const key = seedKey(SMALL_SERVER)
  if (!key) throw new Error('no migrations/ in the checkout')
  mkdirSync(join(seeds, key), { recursive: true })
  execFileSync('tar', ['-xf', inject('pgliteSnapshot'), '-C', join(seeds, key)])
})

afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** Every file and directory below `dir` with group or other permission bits. */
function openToOthers(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    const open = (statSync(path).mode & 0o077) !== 0 ? [path] : []
    return e.isDirectory() ? [...open, ...openToOthers(path)] : open
  })
}

describe('local mode: the first start copies the seed of its migrations', () => {
  const dataDir = join(tmp, 'data')

  it('a new data directory is the seed, migrated, and the owner’s alone', async () => {
    const opened = await openPglite(dataDir, { seedRoot: seeds })
    try {
      expect(opened.created).toBe('seed')
      const done = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(
        opened.db,
      )
      expect(done.rows[0]?.n).toBe(Object.keys(migrations).length)
    } finally {
      await opened.close()
    }
    // What was copied is the owner's alone; the directory is, whatever mode PGlite gives the
    // files it writes later (as after initdb, test/admin/first-start.test.ts).
    const pgdata = join(dataDir, 'pgdata')
    expect(statSync(pgdata).mode & 0o777).toBe(0o700)
    const seed = join(seeds, seedKey(SMALL_SERVER) ?? '')
    // pg_internal.init (the relation cache) is written afresh at every start.
    const copied = openToOthers(pgdata).filter(
      (p) => existsSync(join(seed, p.slice(pgdata.length))) && !p.endsWith('pg_internal.init'),
    )
    expect(copied).toEqual([])
    expect(existsSync(join(dataDir, 'pgdata.seeding'))).toBe(false)
  })

  it('the next start opens what is there, and writes made before stay', async () => {
    const first = await openPglite(dataDir, { seedRoot: seeds })
    await sql`create table kept (x int)`.execute(first.db)
    await first.close()
    const again = await openPglite(dataDir, { seedRoot: seeds })
    try {
      expect(again.created).toBeNull()
      await expect(sql`select * from kept`.execute(again.db)).resolves.toBeDefined()
    } finally {
      await again.close()
    }
  })
})

describe('a seed stands in only for the migrations that made it', () => {
  const checkout = join(tmp, 'checkout')
  beforeAll(() => {
    cpSync(join(projectRoot(), 'migrations'), join(checkout, 'migrations'), { recursive: true })
    cpSync(join(projectRoot(), 'src/db/migrate.ts'), join(checkout, 'src/db/migrate.ts'))
  })

  it('its name changes with a migration edited or added, with the server settings, and not otherwise', () => {
    const before = seedKey(SMALL_SERVER, checkout)
    expect(before).toBe(seedKey(SMALL_SERVER))
    expect(seedKey(SMALL_SERVER, checkout)).toBe(before)
    expect(seedKey([...SMALL_SERVER, 'work_mem = 4MB'], checkout)).not.toBe(before)
    writeFileSync(join(checkout, 'migrations/9999-01-01T0000-new.ts'), 'export async function up() {}\n')
    const added = seedKey(SMALL_SERVER, checkout)
    expect(added).not.toBe(before)
    writeFileSync(join(checkout, 'migrations/9999-01-01T0000-new.ts'), 'export async function up() { }\n')
    expect(seedKey(SMALL_SERVER, checkout)).not.toBe(added)
  })

  it('none without migration sources (a container image creates its database)', () => {
    expect(seedKey(SMALL_SERVER, join(tmp, 'nowhere'))).toBeNull()
  })

  it('a seed of another name, or one still being made, is not found', () => {
    const root = join(tmp, 'other-seeds')
    mkdirSync(join(root, 'aaaaaaaaaaaaaaaa'), { recursive: true })
    writeFileSync(join(root, 'aaaaaaaaaaaaaaaa', 'PG_VERSION'), '17\n')
    mkdirSync(join(root, 'bbbbbbbbbbbbbbbb'))
    expect(findSeed(root, 'cccccccccccccccc')).toBeNull()
    expect(findSeed(root, 'bbbbbbbbbbbbbbbb')).toBeNull() // half made: no PG_VERSION yet
    expect(findSeed(root, 'aaaaaaaaaaaaaaaa')).toBe(join(root, 'aaaaaaaaaaaaaaaa'))
  })

  it('publishing a seed removes those of other migrations, not one being made', () => {
    const root = join(tmp, 'publish')
    for (const d of ['old1', 'old2', '.making-1', 'new-wip']) mkdirSync(join(root, d), { recursive: true })
    publishSeed(root, 'new', join(root, 'new-wip'))
    expect(readdirSync(root).sort()).toEqual(['.making-1', 'new'])
  })
})
