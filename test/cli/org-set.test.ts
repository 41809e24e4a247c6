import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { encode as encodePng } from 'fast-png'
import { afterEach, describe, expect, test } from 'vitest'
import { orgSetCommand } from '../../src/cli/org-set-command.js'
import { inlineCleaner } from '../../src/complaints/evidence/cleaner.js'
import { getOrg } from '../../src/orgs/service.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { openTestDb, type TestDb } from '../helpers/db.js'

// npm run org:set: the same checks and words as the console, Thai then English; a refusal
// writes nothing, not even the parts that were fine.

const PNG = encodePng({ width: 20, height: 10, data: new Uint8Array(800).fill(120), channels: 4 })

describe('npm run org:set', () => {
  let t: TestApp | undefined
  let db: TestDb | undefined
  afterEach(async () => {
    await t?.close()
    await db?.close()
  })

  const files: Record<string, Uint8Array> = {
    'logo.png': PNG,
    'logo.gif': new TextEncoder().encode('GIF89a..'),
  }
  const run = (argv: string[]) => {
    if (!t) throw new Error('no app')
    return orgSetCommand(argv, {
      db: t.deps.db,
      cleaner: inlineCleaner(),
      now: () => new Date('2026-11-22T03:00:00Z'),
      readFile: async (path, max) => {
        const bytes = files[path]
        if (!bytes) return null
        return bytes.length > max ? { size: bytes.length } : { bytes }
      },
    })
  }

  test('sets the names and the logo, keeps what is not given, clears on ""; audited as the CLI', async () => {
    t = await createTestApp('pglite')
    const set = await run([
      '--name-th',
      'กรมตัวอย่าง',
      '--name-en',
      'Example Department',
      '--short',
      'กต.',
      '--logo',
      'logo.png',
    ])
    expect(set).toMatchObject({ code: 0, err: [] })
    expect(set.out.at(-1)).toBe('default: กรมตัวอย่าง · Example Department · กต. · logo: yes')
    const kept = await run(['--short', ''])
    expect(kept.out.at(-1)).toBe('default: กรมตัวอย่าง · Example Department · — · logo: yes')
    expect((await run(['--no-logo'])).out).toContain('ลบโลโก้แล้ว / Logo removed.')
    expect((await run([])).out).toEqual(['default: กรมตัวอย่าง · Example Department · — · logo: no'])
    const audit = await t.deps.db
      .selectFrom('admin_audit_log')
      .select(['action', 'actor_email'])
      .orderBy('id')
      .execute()
    expect(audit).toEqual([
      { action: 'org.profile_updated', actor_email: 'cli' },
      { action: 'org.logo_updated', actor_email: 'cli' },
      { action: 'org.profile_updated', actor_email: 'cli' },
      { action: 'org.logo_removed', actor_email: 'cli' },
    ])
  })

  test('refusals in Thai then English, exit 1, nothing written', async () => {
    t = await createTestApp('pglite')
    const before = await getOrg(t.deps.db, 'default')
    const cases: [string[], number, string][] = [
      [['--name-th', ''], 1, '  กรุณากรอกชื่อหน่วยงานภาษาไทย\n  The Thai name is required.'],
      [['--name-en', '<b>Dept</b>'], 1, 'ชื่อหน่วยงานภาษาอังกฤษต้องไม่มีเครื่องหมาย < หรือ >'],
      // A good name with a bad logo: neither is saved.
      [['--name-th', 'กรมใหม่', '--logo', 'logo.gif'], 1, 'โลโก้ต้องเป็นไฟล์ภาพ PNG หรือ JPEG เท่านั้น'],
      [['--logo', 'missing.png'], 1, 'อ่านไฟล์ไม่ได้ / Cannot read the file: missing.png'],
      [['--org', 'nowhere', '--name-th', 'x'], 1, 'ไม่พบหน่วยงาน "nowhere" / No organization "nowhere"'],
      [['--logo', 'logo.png', '--no-logo'], 2, '--logo and --no-logo together'],
      [['--colour', 'red'], 2, 'Usage: npm run org:set'],
    ]
    for (const [argv, code, words] of cases) {
      const r = await run(argv)
      expect(r.code, argv.join(' ')).toBe(code)
      expect(r.err.join('\n'), argv.join(' ')).toContain(words)
    }
    expect(await getOrg(t.deps.db, 'default')).toEqual(before)
    expect(await t.deps.db.selectFrom('admin_audit_log').selectAll().execute()).toEqual([])
  })

  test('as a process: the npm script sets the name in the database it is pointed at', {
    timeout: 60_000,
  }, async () => {
    db = await openTestDb('postgres', { isolation: 'connections' })
    const dir = mkdtempSync(join(tmpdir(), 'org-set-'))
    writeFileSync(join(dir, 'logo.png'), PNG)
    const out = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/org-set.ts', '--name-th', 'กรมตัวอย่าง', '--logo', join(dir, 'logo.png')],
      { env: { ...process.env, DATABASE_URL: db.url ?? '', NODE_ENV: 'test' } },
    )
    expect(out.stdout).toContain('default: กรมตัวอย่าง · Agency · — · logo: yes')
    expect(await getOrg(db.db, 'default')).toMatchObject({ nameTh: 'กรมตัวอย่าง', shortName: '' })
  })
})
