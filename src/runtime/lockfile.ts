import { linkSync, mkdirSync, readFileSync, readlinkSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { connect, createServer, type Server } from 'node:net'
import { join } from 'node:path'

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
    note = '',
  ) {
    super(
      `The embedded database in ${dir} is already used by process ${pid}${note}. ` +
        'PGlite allows one process only: stop that process, or set DATABASE_URL to use PostgreSQL.',
    )
    this.name = 'DataDirLockedError'
  }
}

/**
 * Who wrote a lock. A PID alone cannot tell a live owner from a dead one whose number came
 * back: in a container the bot is PID 1 after every restart, so the lock a kill -9 left names
 * the new process's own PID. The start time (clock ticks since boot) and the boot id tell a
 * reused PID from its first owner; the PID namespace says whether the PID is ours to look up.
 */
export interface LockOwner {
  pid: number
  /** /proc/<pid>/stat field 22; null where there is no /proc (macOS, Windows). */
  start: string | null
  boot: string | null
  /** e.g. `pid:[4026531836]`; a restarted container gets a new one. */
  ns: string | null
  /** The owner listens on `<dir>/.lock.sock` (a liveness probe across PID namespaces). */
  sock: boolean
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim()
  } catch {
    return null
  }
}

/** Field 22 of /proc/<pid>/stat (the command name, field 2, may hold spaces and parentheses). */
export function processStart(pid: number): string | null {
  const stat = readText(`/proc/${pid}/stat`)
  if (!stat) return null
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return fields[19] ?? null
}

function pidNamespace(): string | null {
  try {
    return readlinkSync('/proc/self/ns/pid')
  } catch {
    return null
  }
}

export function ownIdentity(sock: boolean): LockOwner {
  return {
    pid: process.pid,
    start: processStart(process.pid),
    boot: readText('/proc/sys/kernel/random/boot_id'),
    ns: pidNamespace(),
    sock,
  }
}

/** A lock of this version or of the earlier one (the PID as text). */
export function parseLock(text: string): LockOwner | null {
  if (/^\d+$/.test(text.trim())) {
    return { pid: Number(text.trim()), start: null, boot: null, ns: null, sock: false }
  }
  try {
    const o = JSON.parse(text) as Partial<Record<keyof LockOwner, unknown>>
    if (typeof o.pid !== 'number' || !Number.isInteger(o.pid) || o.pid <= 0) return null
    const str = (v: unknown) => (typeof v === 'string' ? v : null)
    return { pid: o.pid, start: str(o.start), boot: str(o.boot), ns: str(o.ns), sock: o.sock === true }
  } catch {
    return null
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM means the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Connects to the owner's socket: only a live process answers; a dead one's file refuses. */
function probe(path: string): Promise<'live' | 'dead' | 'unknown'> {
  return new Promise((resolve) => {
    const s = connect(path)
    s.once('connect', () => {
      s.destroy()
      resolve('live')
    })
    s.once('error', (err: NodeJS.ErrnoException) => {
      resolve(err.code === 'ECONNREFUSED' || err.code === 'ENOENT' ? 'dead' : 'unknown')
    })
  })
}

/** Locks this process holds: a lock naming our PID that we did not take is an earlier process's. */
const held = new Set<string>()

export type Verdict = { kind: 'stale' } | { kind: 'live'; note: string }

/** Whether the lock's owner still runs, from what can be seen here. */
export async function judge(
  owner: LockOwner,
  me: LockOwner,
  path: string,
  sockPath: string,
): Promise<Verdict> {
  if (owner.boot && me.boot && owner.boot !== me.boot) return { kind: 'stale' }
  if (owner.ns && me.ns && owner.ns !== me.ns) {
    // Another PID namespace (another container, or this one before a restart): its PIDs are not
    // ours to look up, but its socket is. Without one, nothing here can tell: refuse.
    if (!owner.sock) return { kind: 'live', note: ' in another PID namespace (another container?)' }
    const answer = await probe(sockPath)
    return answer === 'dead' ? { kind: 'stale' } : { kind: 'live', note: ' in another PID namespace' }
  }
  if (owner.pid === me.pid)
    return held.has(path) ? { kind: 'live', note: ' (this process)' } : { kind: 'stale' }
  if (!alive(owner.pid)) return { kind: 'stale' }
  const start = processStart(owner.pid)
  if (owner.start && start && owner.start !== start) return { kind: 'stale' }
  return { kind: 'live', note: '' }
}

/** Creates `path` holding `text` or fails with EEXIST, never leaving it empty for a reader. */
function createWith(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, text)
  try {
    linkSync(tmp, path)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw err
    // A file system without hard links: exclusive create, then the text (a short window).
    writeFileSync(path, text, { flag: 'wx' })
  } finally {
    rmSync(tmp, { force: true })
  }
}

async function listen(path: string): Promise<Server | null> {
  // Unix socket paths are short (108 bytes on Linux, 104 on macOS); Windows pipes live elsewhere.
  if (process.platform === 'win32' || Buffer.byteLength(path) > 100) return null
  // We hold `.lock`, so a socket file here is a dead owner's.
  rmSync(path, { force: true })
  const server = createServer((s) => s.destroy())
  return new Promise((resolve) => {
    server.once('error', () => resolve(null))
    server.listen(path, () => {
      server.unref()
      resolve(server)
    })
  })
}

/**
 * Takes `<dir>/.lock` for this process. Two PGlite processes on one directory silently lose
 * writes, so a second one must refuse to start. A lock left by a dead process is taken over,
 * including one that names this process's own PID (a container's PID 1 after a kill -9).
 */
export async function acquireDirLock(dir: string): Promise<{ release(): void }> {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, '.lock')
  const sockPath = join(dir, '.lock.sock')
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // Written without the socket first: a reader in another namespace then refuses rather
      // than reading a socket not yet listening as a dead owner.
      createWith(path, JSON.stringify(ownIdentity(false)))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const owner = parseLock(readText(path) ?? '')
      if (owner) {
        const verdict = await judge(owner, ownIdentity(false), path, sockPath)
        if (verdict.kind === 'live') throw new DataDirLockedError(dir, owner.pid, verdict.note)
      }
      rmSync(path, { force: true })
      continue
    }
    held.add(path)
    const server = await listen(sockPath)
    if (server) {
      const tmp = `${path}.${process.pid}.tmp`
      writeFileSync(tmp, JSON.stringify(ownIdentity(true)))
      renameSync(tmp, path)
    }
    let released = false
    return {
      release() {
        if (released) return
        released = true
        server?.close()
        if (server) rmSync(sockPath, { force: true })
        rmSync(path, { force: true })
        held.delete(path)
      },
    }
  }
  throw new Error(`could not take the lock ${path}`)
}
