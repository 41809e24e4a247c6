import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makePrivateDir, narrowTree } from '../../src/runtime/private-dir.js'

const modeOf = (path: string) => statSync(path).mode & 0o777

describe('the local data directory is the owner’s alone', () => {
  it('a new directory is created 0700, parents included', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'private-')), 'a', 'data')
    expect(makePrivateDir(dir)).toEqual({ narrowed: false })
    expect(modeOf(dir)).toBe(0o700)
  })

  it('an existing directory open to others is narrowed, and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'private-'))
    chmodSync(dir, 0o755)
    expect(makePrivateDir(dir)).toEqual({ narrowed: true })
    expect(modeOf(dir)).toBe(0o700)
    expect(makePrivateDir(dir)).toEqual({ narrowed: false })
  })

  it('narrowTree takes group and other bits off every file and folder below, keeping the owner’s', () => {
    const dir = mkdtempSync(join(tmpdir(), 'private-'))
    mkdirSync(join(dir, 'base', '1'), { recursive: true })
    writeFileSync(join(dir, 'base', '1', '1259'), 'x')
    writeFileSync(join(dir, 'PG_VERSION'), '17')
    chmodSync(join(dir, 'base'), 0o777)
    chmodSync(join(dir, 'base', '1', '1259'), 0o666)
    chmodSync(join(dir, 'PG_VERSION'), 0o644)
    narrowTree(dir)
    expect(modeOf(join(dir, 'base'))).toBe(0o700)
    expect(modeOf(join(dir, 'base', '1', '1259'))).toBe(0o600)
    expect(modeOf(join(dir, 'PG_VERSION'))).toBe(0o600)
  })
})
