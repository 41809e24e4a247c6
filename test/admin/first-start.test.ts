import { execFile } from 'node:child_process'
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { LOCAL_OWNER_EMAIL } from '../../src/admin/accounts.js'
import { parseConfig } from '../../src/config.js'
import { createLogger, silentLogger } from '../../src/core/logger.js'
import { pbkdf2Hasher } from '../../src/core/secret-hash.js'
import { createNodeApp } from '../../src/runtime/node-app.js'
import { openTestDb, type TestDb } from '../helpers/db.js'

const run = promisify(execFile)

describe('local mode: the first owner', () => {
  afterEach(() => vi.restoreAllMocks())

  test('created at first start with a one-time password printed once, never again; its files private', {
    timeout: 60_000,
  }, async () => {
    // Not made beforehand (mkdtemp's would already be 0700): the app creates it.
    const dataDir = join(mkdtempSync(join(tmpdir(), 'admin-first-')), 'data')
    const parsed = parseConfig({ NODE_ENV: 'test', DATA_DIR: dataDir })
    if (!parsed.ok) throw new Error(parsed.errors.join('; '))
    const printed: string[] = []
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(args.join(' '))
    })
    const logs: string[] = []
    const first = await createNodeApp(
      parsed.config,
      createLogger({ level: 'info', write: (l) => logs.push(l) }),
    )
    // Start-up says plainly that the keys sit beside the data (README, "Pointing it at PostgreSQL").
    expect(logs.join('\n')).toMatch(/secrets\.beside_data.*whoever copies this directory holds the keys/)
    const password = printed.join('\n').match(/^ {2}(\S{16})$/m)?.[1] ?? ''
    expect(printed.join('\n')).toContain(LOCAL_OWNER_EMAIL)
    const row = await first.deps.db
      .selectFrom('admin_accounts')
      .selectAll()
      .where('email', '=', LOCAL_OWNER_EMAIL)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ org_id: 'default', role: 'owner', must_change_password: true })
    expect(await pbkdf2Hasher().verify(password, row.password_hash)).toBe(true)
    // The embedded database and the keys beside it are the owner's alone: nobody else can
    // enter the directory, whatever mode PGlite gives the files it writes inside later.
    const mode = (p: string) => statSync(join(dataDir, p)).mode & 0o777
    expect([mode('.'), mode('pgdata'), mode('secrets.json'), mode('.lock')]).toEqual([
      0o700, 0o700, 0o600, 0o600,
    ])
    await first.close()

    printed.length = 0
    const second = await createNodeApp(parsed.config, silentLogger)
    expect(printed.join('\n')).not.toContain(LOCAL_OWNER_EMAIL)
    await second.close()
  })
})

describe('npm run admin:create', () => {
  let db: TestDb | undefined
  afterEach(async () => db?.close())

  const cli = (args: string[], url: string, input?: string) => {
    const child = run(process.execPath, ['--import', 'tsx', 'src/cli/admin-create.ts', ...args], {
      env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test' },
    })
    if (input !== undefined) {
      child.child.stdin?.end(input)
    }
    return child.then(
      (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        out: e.stdout,
        err: e.stderr,
      }),
    )
  }

  test('prints a one-time password; reads one from stdin; refuses bad input and changes nothing', {
    timeout: 60_000,
  }, async () => {
    db = await openTestDb('postgres', { isolation: 'connections' })
    const url = db.url ?? ''
    const made = await cli(['--org', 'default', '--email', 'Boss@Agency.go.th', '--role', 'owner'], url)
    expect(made.code).toBe(0)
    const password = made.out.match(/^ {2}(\S{16})$/m)?.[1] ?? ''
    const row = await db.db.selectFrom('admin_accounts').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({ email: 'boss@agency.go.th', role: 'owner', must_change_password: true })
    expect(await pbkdf2Hasher().verify(password, row.password_hash)).toBe(true)

    const piped = await cli(
      ['--email', 'clerk@agency.go.th', '--role', 'auditor', '--password-stdin'],
      url,
      'a chosen passphrase\n',
    )
    expect(piped.code).toBe(0)
    expect(piped.out).not.toContain('a chosen passphrase')
    const clerk = await db.db
      .selectFrom('admin_accounts')
      .selectAll()
      .where('email', '=', 'clerk@agency.go.th')
      .executeTakeFirstOrThrow()
    expect(await pbkdf2Hasher().verify('a chosen passphrase', clerk.password_hash)).toBe(true)

    // The refusals are independent of each other: their processes start side by side (each
    // CLI start, a TypeScript module graph through tsx, takes seconds).
    const [exists, king, nowhere, noEmail] = await Promise.all([
      cli(['--email', 'boss@agency.go.th', '--role', 'owner'], url),
      cli(['--email', 'x@agency.go.th', '--role', 'king'], url),
      cli(['--org', 'nowhere', '--email', 'y@agency.go.th', '--role', 'owner'], url),
      cli(['--role', 'owner'], url),
    ])
    expect(exists.err).toContain('exists')
    expect(king.err).toContain('role must be one of')
    expect(nowhere.err).toContain('no organization "nowhere"')
    expect(noEmail.code).toBe(2)
    expect(await db.db.selectFrom('admin_accounts').selectAll().execute()).toHaveLength(2)
  })
})
