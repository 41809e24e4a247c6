import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { acquireDirLock, DataDirLockedError } from '../../src/runtime/lockfile.js'

const tempDir = () => mkdtempSync(join(tmpdir(), 'lock-'))

describe('data directory lock', () => {
  it('refuses a second holder with a message that says what to do', () => {
    const dir = tempDir()
    const lock = acquireDirLock(dir)
    try {
      expect(() => acquireDirLock(dir)).toThrow(DataDirLockedError)
      expect(() => acquireDirLock(dir)).toThrow(/already used by process \d+.*DATABASE_URL/)
    } finally {
      lock.release()
    }
    acquireDirLock(dir).release()
  })

  it('takes over a lock left by a process that no longer exists', async () => {
    const dir = tempDir()
    const child = spawn(process.execPath, ['-e', ''])
    const deadPid = child.pid ?? 0
    await new Promise((r) => child.on('exit', r))
    writeFileSync(join(dir, '.lock'), String(deadPid))
    const lock = acquireDirLock(dir)
    expect(readFileSync(join(dir, '.lock'), 'utf8')).toBe(String(process.pid))
    lock.release()
  })
})
