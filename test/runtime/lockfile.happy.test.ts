import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSync } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'
import { acquireDirLock, ownIdentity, parseLock, processStart } from '../../src/runtime/lockfile.js'

const tempDir = () => mkdtempSync(join(tmpdir(), 'lock-'))
const lockOf = (dir: string) => parseLock(readFileSync(join(dir, '.lock'), 'utf8'))
const children: ChildProcess[] = []
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
})

let bundled: string | null = null
/** The real lockfile.ts, bundled once: a plain `node` starts faster than one through tsx. */
function childScript(): string {
  if (bundled) return bundled
  const out = join(tempDir(), 'child.mjs')
  buildSync({
    stdin: {
      contents: `import { acquireDirLock } from './src/runtime/lockfile.ts'
        await acquireDirLock(process.argv[2]); console.log('held'); setInterval(() => {}, 1000)`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    logLevel: 'silent',
  })
  bundled = out
  return out
}

/** A child process that takes the lock on `dir` and holds it until killed. */
function lockingChild(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [childScript(), dir], { stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d) => (String(d).includes('held') ? resolve(child) : undefined))
    child.on('exit', (code) => reject(new Error(`child exited ${code}`)))
  })
}

describe('data directory lock', () => {
  it('records PID, start time and boot id, and releases', async () => {
    const dir = tempDir()
    const lock = await acquireDirLock(dir)
    const owner = lockOf(dir)
    expect(owner?.pid).toBe(process.pid)
    expect(owner?.start).toBe(processStart(process.pid))
    expect(owner?.sock).toBe(true)
    lock.release()
    expect(existsSync(join(dir, '.lock'))).toBe(false)
    ;(await acquireDirLock(dir)).release()
  })

  it('takes over a lock left by a process that no longer exists', async () => {
    const dir = tempDir()
    const child = spawn(process.execPath, ['-e', ''])
    const deadPid = child.pid ?? 0
    await new Promise((r) => child.on('exit', r))
    writeFileSync(join(dir, '.lock'), String(deadPid))
    const lock = await acquireDirLock(dir)
    expect(lockOf(dir)?.pid).toBe(process.pid)
    lock.release()
  })

  it('takes over a lock naming its own PID written by an earlier process (a container PID 1 after kill -9)', async () => {
    const dir = tempDir()
    const me = ownIdentity(false)
    writeFileSync(join(dir, '.lock'), JSON.stringify({ ...me, start: '1' }))
    const lock = await acquireDirLock(dir)
    expect(lockOf(dir)?.start).toBe(me.start)
    lock.release()
    // The earlier version wrote the PID alone: naming our PID, it cannot be this process's.
    writeFileSync(join(dir, '.lock'), String(process.pid))
    ;(await acquireDirLock(dir)).release()
  })

  it('takes over a live PID whose start time differs (the number was reused), or from another boot', async () => {
    const dir = tempDir()
    const child = await lockingChild(tempDir())
    const pid = child.pid ?? 0
    writeFileSync(join(dir, '.lock'), JSON.stringify({ ...ownIdentity(false), pid, start: '1' }))
    ;(await acquireDirLock(dir)).release()
    const otherBoot = { ...ownIdentity(false), pid, start: null, boot: 'another-boot' }
    writeFileSync(join(dir, '.lock'), JSON.stringify(otherBoot))
    ;(await acquireDirLock(dir)).release()
  })

  it('after a real kill -9 of the holder, a new process takes over', async () => {
    const dir = tempDir()
    const child = await lockingChild(dir)
    expect(lockOf(dir)?.pid).toBe(child.pid)
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    const lock = await acquireDirLock(dir)
    expect(lockOf(dir)?.pid).toBe(process.pid)
    lock.release()
  })

  it('after a kill -9 in another PID namespace (a restarted container), its dead socket lets a new process in', async () => {
    const dir = tempDir()
    const child = await lockingChild(dir)
    // The same lock as if written from another namespace: its PID is not ours to look up.
    const owner = lockOf(dir)
    writeFileSync(join(dir, '.lock'), JSON.stringify({ ...owner, ns: 'pid:[1]' }))
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    expect(existsSync(join(dir, '.lock.sock'))).toBe(true)
    ;(await acquireDirLock(dir)).release()
  })
})
