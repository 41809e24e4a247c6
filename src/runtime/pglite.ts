import { spawn } from 'node:child_process'
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PGliteDialect } from 'kysely'
import { migrateToLatest } from '../db/migrate.js'
import type { Database } from '../db/schema.js'
import { typeParsers } from '../db/types.js'
import { acquireDirLock } from './lockfile.js'
import { copySeed, defaultSeedRoot, findSeed, publishSeed, seedKey, workDir } from './pglite-seed.js'
import { makePrivateDir, narrowTree } from './private-dir.js'

export interface EmbeddedDb {
  db: Kysely<Database>
  /** How this start found the database: made from a seed, by initdb, or already there. */
  created: 'seed' | 'initdb' | null
  close(): Promise<void>
}

// Local mode serves one agency's trial from a laptop: PostgreSQL's server-sized defaults
// (128 MB of shared buffers) would more than double the process's memory for no gain.
export const SMALL_SERVER = [
  'shared_buffers = 4MB',
  'wal_buffers = 256kB',
  'work_mem = 2MB',
  'maintenance_work_mem = 16MB',
]

const BYTEA = 17

/**
 * PGlite's own bytea codec goes byte by byte through strings (`Array.from(bytes).map(b =>
 * b.toString(16).padStart(2, '0')).join('')` out, `parseInt` per byte pair in): every webhook
 * event's ~450-byte sealed payload cost some 1,500 short-lived objects each way, the largest
 * single source of garbage in local mode. Same hex text format (bytea_output = hex), in one
 * native call each way.
 */
export const byteaCodec = {
  serialize(value: unknown): string {
    if (!(value instanceof Uint8Array)) throw new Error('Invalid input for bytea type')
    return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`
  },
  parse(text: string): Uint8Array {
    if (!text.startsWith('\\x')) throw new Error('bytea: expected hex output (bytea_output = hex)')
    const bytes = Buffer.from(text.slice(2), 'hex')
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  },
}

/** How values cross between PGlite and JavaScript: the pg driver's types, and bytea in one call. */
export const pgliteCodecs = {
  parsers: { ...typeParsers, [BYTEA]: byteaCodec.parse },
  serializers: { [BYTEA]: byteaCodec.serialize },
}

/**
 * Creating a data directory (initdb) peaks at ~600 MB of WebAssembly memory that the process
 * never returns to the OS; doing it in a short-lived child keeps the server's memory at what
 * an existing database needs.
 */
async function initInChild(pgdata: string): Promise<void> {
  const module = import.meta.resolve('@electric-sql/pglite')
  // umask first: the files initdb writes are the owner's alone (narrowTree catches what it chmods).
  const code = `process.umask(0o077);
    const { PGlite } = await import(${JSON.stringify(module)});
    const db = await PGlite.create(${JSON.stringify(pgdata)}, { postgresqlconf: ${JSON.stringify(SMALL_SERVER)} });
    await db.close();`
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: 'inherit' })
    child.on('error', reject)
    child.on('exit', (status) =>
      status === 0 ? resolve() : reject(new Error(`creating the embedded database failed (exit ${status})`)),
    )
  })
}

/** The seed for today's migrations under `root`, or null (none made, or no node_modules). */
function seedFor(root: string | undefined): string | null {
  try {
    const key = seedKey(SMALL_SERVER)
    return key ? findSeed(root ?? defaultSeedRoot(), key) : null
  } catch {
    return null
  }
}

/**
 * Embedded PostgreSQL (PGlite) in `<dataDir>/pgdata`, or in memory when dataDir is null (tests).
 * A new data directory is copied from the seed of today's migrations when there is one
 * (src/runtime/pglite-seed.ts), else created by initdb.
 */
export async function openPglite(
  dataDir: string | null,
  opts: { seedRoot?: string } = {},
): Promise<EmbeddedDb> {
  const lock = dataDir ? await acquireDirLock(dataDir) : null
  try {
    const pgdata = dataDir ? join(dataDir, 'pgdata') : undefined
    let created: EmbeddedDb['created'] = null
    if (pgdata && !existsSync(join(pgdata, 'PG_VERSION'))) {
      const seed = seedFor(opts.seedRoot)
      if (seed) {
        copySeed(seed, pgdata)
        created = 'seed'
      } else {
        makePrivateDir(pgdata)
        await initInChild(pgdata)
        narrowTree(pgdata)
        created = 'initdb'
      }
    }
    const pglite = await PGlite.create(pgdata, {
      pgliteWasmModule: await sharedPgliteWasm(),
      ...pgliteCodecs,
      postgresqlconf: SMALL_SERVER,
    })
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
    return {
      db,
      created,
      async close() {
        await db.destroy()
        lock?.release()
      },
    }
  } catch (err) {
    lock?.release()
    throw err
  }
}

/**
 * Makes the seed of today's migrations under `root` unless it is there (npm's postinstall,
 * src/cli/pglite-seed.ts). Returns its name and whether it was made now.
 */
export async function makeSeed(root = defaultSeedRoot()): Promise<{ key: string; made: boolean }> {
  const key = seedKey(SMALL_SERVER)
  if (!key) throw new Error('no migrations/ beside node_modules: seeds are made in a checkout')
  if (findSeed(root, key)) return { key, made: false }
  const dir = workDir(root)
  const pglite = await PGlite.create(dir, { postgresqlconf: SMALL_SERVER })
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
  try {
    const migrated = await migrateToLatest(db)
    if (!migrated.ok) throw new Error(`migration ${migrated.failed} failed: ${migrated.error}`)
  } finally {
    await db.destroy()
  }
  publishSeed(root, key, dir)
  return { key, made: true }
}

interface ResizableArrayBufferConstructor {
  new (length: number, options: { maxByteLength: number }): ArrayBuffer & { resize(length: number): void }
}

/** Compiled once per process and shared, as PGlite's own loader does. */
let pgliteWasm: Promise<WebAssembly.Module> | null = null
function sharedPgliteWasm(): Promise<WebAssembly.Module> {
  if (!pgliteWasm) {
    pgliteWasm = compilePgliteWasm()
    pgliteWasm.catch(() => {
      pgliteWasm = null
    })
  }
  return pgliteWasm
}

/**
 * PGlite's own loader reads its 9 MB `pglite.wasm` into a malloc'ed buffer and frees it once
 * compiled. glibc answers a free of a block that large by raising its mmap threshold to 9 MB and
 * its trim threshold to 18 MB for the life of the process (read from glibc's `mp_` with gdb),
 * after which the heap holds on to ~10 MB more of the garbage a burst of requests leaves. Read
 * into a resizable ArrayBuffer instead (pages mapped by V8, never seen by malloc, handed back at
 * once by `resize(0)`), the file leaves glibc's thresholds at the ~2 MB the rest of start-up sets.
 * Same bytes, same module.
 */
async function compilePgliteWasm(): Promise<WebAssembly.Module> {
  const path = fileURLToPath(new URL('./pglite.wasm', import.meta.resolve('@electric-sql/pglite')))
  const fd = openSync(path, 'r')
  const size = fstatSync(fd).size
  // ES2024 resizable ArrayBuffer (Node 20+); the project's TypeScript lib predates it.
  const buffer = new (ArrayBuffer as unknown as ResizableArrayBufferConstructor)(size, {
    maxByteLength: size,
  })
  try {
    const bytes = new Uint8Array(buffer)
    for (let at = 0; at < size; ) {
      const n = readSync(fd, bytes, at, size - at, at)
      if (n === 0) throw new Error(`${path}: file ended after ${at} of ${size} bytes`)
      at += n
    }
    return await WebAssembly.compile(bytes)
  } finally {
    closeSync(fd)
    buffer.resize(0)
  }
}
