import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  acquireDirLock,
  DataDirLockedError,
  ownIdentity,
  parseLock,
  processStart,
} from '../../src/runtime/lockfile.js'

const tempDir = () => mkdtempSync(join(tmpdir(), 'lock-'))
const children: ChildProcess[] = []
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
})

/** A live process other than this one (it holds nothing; the tests write its lock for it). */
async function liveOther(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
  children.push(child)
  await new Promise((r) => child.once('spawn', r))
  return child.pid ?? 0
}

describe('data directory lock refuses a live owner', () => {
  it('refuses a second holder in this process, naming the PID, the directory and what to do', async () => {
    const dir = tempDir()
    const lock = await acquireDirLock(dir)
    try {
      await expect(acquireDirLock(dir)).rejects.toThrow(DataDirLockedError)
      await expect(acquireDirLock(dir)).rejects.toThrow(
        new RegExp(`${dir}.*already used by process ${process.pid}.*DATABASE_URL`),
      )
    } finally {
      lock.release()
    }
  })

  it('refuses a live other process, whether the lock has its start time or only its PID', async () => {
    const dir = tempDir()
    const pid = await liveOther()
    const start = processStart(pid)
    writeFileSync(join(dir, '.lock'), JSON.stringify({ ...ownIdentity(false), pid, start }))
    await expect(acquireDirLock(dir)).rejects.toThrow(`already used by process ${pid}`)
    writeFileSync(join(dir, '.lock'), String(pid))
    await expect(acquireDirLock(dir)).rejects.toThrow(`already used by process ${pid}`)
    // The lock is left as it was.
    expect(parseLock(readFileSync(join(dir, '.lock'), 'utf8'))?.pid).toBe(pid)
  })

  it('refuses an owner in another PID namespace while its socket answers, or when it has none', async () => {
    const dir = tempDir()
    const lock = await acquireDirLock(dir)
    const owner = parseLock(readFileSync(join(dir, '.lock'), 'utf8'))
    writeFileSync(join(dir, '.lock'), JSON.stringify({ ...owner, ns: 'pid:[1]' }))
    await expect(acquireDirLock(dir)).rejects.toThrow(/process \d+ in another PID namespace/)
    writeFileSync(join(dir, '.lock'), JSON.stringify({ ...owner, ns: 'pid:[1]', sock: false }))
    await expect(acquireDirLock(dir)).rejects.toThrow(/another container/)
    lock.release()
  })
})
