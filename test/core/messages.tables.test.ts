import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

// defineMessages checks a table when it is made (core/messages.ts): a broken or single-brace
// placeholder throws as its module loads. Loading every module that makes a table here finds
// one the tests of its own capability would meet only later, or not at all.

const SRC = join(import.meta.dirname, '../../src')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  )
}

const TABLES = sources(SRC).filter(
  (f) => !f.endsWith('core/messages.ts') && readFileSync(f, 'utf8').includes('defineMessages('),
)

describe('every wording table in src', () => {
  it('is found', () => {
    expect(TABLES.length).toBeGreaterThan(30)
  })

  it.each(TABLES.map((f) => relative(SRC, f)))('%s loads: its placeholders are well formed', async (file) => {
    await expect(import(join(SRC, file))).resolves.toBeDefined()
  })
})
