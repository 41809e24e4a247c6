import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { dirname, join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { narrowTree } from './private-dir.js'

// Creating the embedded database (PGlite's initdb, then every migration) took ~13 s of local
// mode's first start. npm's postinstall (src/cli/pglite-seed.ts) makes a migrated data
// directory once, a "seed", and a first start copies it (a fraction of a second) instead.
// A seed is named by a hash of what made it: PGlite's and Kysely's versions, the server
// settings, the migration files and the migrator (as the tests' snapshots are). A start whose migrations differ finds no seed
// of its name and creates the database as before, so a seed can never stand in for another
// schema. Nothing in a seed is secret: no rows but the migrations' own, no keys.

function nodeModules(): string {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'))
  const at = entry.lastIndexOf(`${sep}node_modules${sep}`)
  if (at < 0) throw new Error(`@electric-sql/pglite resolved outside node_modules: ${entry}`)
  return entry.slice(0, at + `${sep}node_modules`.length)
}

/** Where seeds are kept: the project's node_modules/.cache, which `npm ci` starts afresh. */
export const defaultSeedRoot = () => join(nodeModules(), '.cache', 'pglite-seed')

function version(pkg: string): string {
  const json = JSON.parse(readFileSync(join(nodeModules(), pkg, 'package.json'), 'utf8')) as {
    version?: string
  }
  return json.version ?? '?'
}

/** The checkout: node_modules' parent, where migrations/ is. */
export const projectRoot = () => dirname(nodeModules())

/**
 * The seed's name for the migrations in `root` (a checkout) and these server settings, or null
 * where there are no migration sources (a container image: it creates its database).
 */
export function seedKey(settings: readonly string[], root = projectRoot()): string | null {
  const dir = join(root, 'migrations')
  if (!existsSync(dir)) return null
  const hash = createHash('sha256')
  hash.update(`pglite ${version('@electric-sql/pglite')}\0kysely ${version('kysely')}\0`)
  hash.update(`${settings.join('\n')}\0`)
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => join('migrations', f.name))
    .sort()
  for (const file of [...files, join('src', 'db', 'migrate.ts')]) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(root, file)))
      .update('\0')
  }
  return hash.digest('hex').slice(0, 16)
}

/** The seed directory of `key` when a whole one is there (renamed into place when complete). */
export function findSeed(root: string, key: string): string | null {
  const dir = join(root, key)
  return existsSync(join(dir, 'PG_VERSION')) ? dir : null
}

/**
 * Copies `seed` to `pgdata` (which must not hold a database yet): into a sibling first, narrowed
 * to the owner, then renamed, so an interrupted copy never leaves half a database behind.
 */
export function copySeed(seed: string, pgdata: string): void {
  const partial = `${pgdata}.seeding`
  rmSync(partial, { recursive: true, force: true })
  mkdirSync(partial, { mode: 0o700 })
  cpSync(seed, partial, { recursive: true })
  narrowTree(partial)
  rmSync(pgdata, { recursive: true, force: true })
  renameSync(partial, pgdata)
}

/**
 * Puts a finished seed directory in place under `root` as `key`, and removes older seeds (other
 * migrations: they would only pile up, ~40 MB each).
 */
export function publishSeed(root: string, key: string, made: string): void {
  const target = join(root, key)
  if (existsSync(target)) rmSync(made, { recursive: true, force: true })
  else renameSync(made, target)
  for (const entry of readdirSync(root)) {
    if (entry !== key && !entry.startsWith('.')) rmSync(join(root, entry), { recursive: true, force: true })
  }
}

/** A directory beside the seeds to make one in (under a dot name, never taken for a seed). */
export function workDir(root: string): string {
  const dir = join(root, `.making-${process.pid}`)
  mkdirSync(dirname(dir), { recursive: true })
  rmSync(dir, { recursive: true, force: true })
  return dir
}
