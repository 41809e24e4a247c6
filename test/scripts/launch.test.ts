import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { OPTIONS, stale } from '../../scripts/build.mjs'
import { ENTRY, MODES, plan } from '../../scripts/launch.mjs'

const host = { version: 'v22.23.2', env: {}, entryExists: true }
const run = promisify(execFile)

describe('launcher: what each mode runs', () => {
  it('local mode: the trial flags, one malloc arena, then the bundle', () => {
    const p = plan(['local'], host)
    expect(p).toEqual({
      ok: true,
      argv: [
        '--liftoff-only',
        '--no-maglev',
        '--no-opt',
        '--max-semi-space-size=1',
        '--max-old-space-size=128',
        ENTRY,
      ],
      env: { MALLOC_ARENA_MAX: '1' },
    })
  })

  it('production mode: V8 compilers on, a bounded heap, two malloc arenas', () => {
    const p = plan(['production'], host)
    expect(p).toEqual({
      ok: true,
      argv: ['--max-old-space-size=512', '--initial-old-space-size=128', ENTRY],
      env: { MALLOC_ARENA_MAX: '2' },
    })
  })

  it("flags after the mode come after the mode's own (the later one wins in V8)", () => {
    const p = plan(['production', '--max-old-space-size=1024', '--cpu-prof'], host)
    expect(p.ok && p.argv).toEqual([
      '--max-old-space-size=512',
      '--initial-old-space-size=128',
      '--max-old-space-size=1024',
      '--cpu-prof',
      ENTRY,
    ])
  })

  it("the person's environment wins over the mode's and is passed on whole", () => {
    const p = plan(['local'], { ...host, env: { MALLOC_ARENA_MAX: '4', PORT: '4000', UNSET: undefined } })
    expect(p.ok && p.env).toEqual({ MALLOC_ARENA_MAX: '4', PORT: '4000' })
  })

  it('npm start and npm run serve go through it, in a form Windows cmd runs too', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>
    }
    expect(scripts.start).toBe('node scripts/launch.mjs local')
    expect(scripts.serve).toBe('node scripts/launch.mjs production')
    expect(scripts.build).toBe('node scripts/build.mjs')
    // No POSIX `VAR=value` prefixes anywhere a person starts the bot.
    for (const name of ['start', 'serve']) expect(scripts[name]).not.toMatch(/(^|\s)[A-Z_]+=/)
    expect(Object.keys(MODES).sort()).toEqual(['local', 'production'])
  })
})

describe('the build before a start: only when a source is newer than dist/', () => {
  const root = mkdtempSync(join(tmpdir(), 'build-stale-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds)

  it('stale without a build, fresh after one, stale again when a source changes or goes', () => {
    for (const dir of ['src/db', 'migrations', 'dist']) mkdirSync(join(root, dir), { recursive: true })
    for (const file of ['src/db/a.ts', 'migrations/m.ts', 'package.json', 'package-lock.json']) {
      writeFileSync(join(root, file), '')
      at(file, 1000)
    }
    for (const dir of ['src/db', 'src', 'migrations']) at(dir, 1000)
    expect(stale(root)).toBe(true)
    writeFileSync(join(root, 'dist', '.built'), '')
    at(join('dist', '.built'), 2000)
    expect(stale(root)).toBe(false)
    at('src/db/a.ts', 3000)
    expect(stale(root)).toBe(true)
    at('src/db/a.ts', 1000)
    rmSync(join(root, 'migrations/m.ts'))
    expect(stale(root)).toBe(true)
  })

  it('builds every entry the README and the Dockerfile run', () => {
    expect(OPTIONS.entryPoints).toEqual(
      expect.arrayContaining([
        'src/main.node.ts',
        'src/cli/migrate.ts',
        'src/cli/admin-create.ts',
        'src/cli/pglite-seed.ts',
      ]),
    )
  })
})

describe('launcher: refusals', () => {
  it('refuses no mode and an unknown mode, naming the modes', () => {
    for (const args of [[], ['prod'], ['--no-opt']]) {
      const p = plan(args, host)
      expect(p.ok).toBe(false)
      if (p.ok) continue
      expect(p.code).toBe(2)
      expect(p.message).toContain('use one of: local, production')
    }
    const p = plan(['prod'], host)
    expect(!p.ok && p.message).toContain('unknown mode "prod"')
  })

  it('refuses anything but Node flags after the mode', () => {
    const p = plan(['local', 'server.js'], host)
    expect(p).toEqual({
      ok: false,
      code: 2,
      message: 'launch: "server.js" is not a Node flag; only flags may follow the mode',
    })
  })

  it('refuses a Node older than 22, saying which it is and where a newer one comes from', () => {
    const p = plan(['local'], { ...host, version: 'v20.20.2' })
    expect(p.ok).toBe(false)
    if (p.ok) return
    expect(p.message).toContain('needs Node 22 or later; this is Node v20.20.2')
    expect(p.message).toContain('npm ci installs Node 22.23.2')
    expect(p.message).toContain('บอตต้องใช้ Node 22 ขึ้นไป')
    expect(plan(['local'], { ...host, version: 'v24.1.0' }).ok).toBe(true)
  })

  it('refuses when the bundle was not built, naming the command', () => {
    const p = plan(['production'], { ...host, entryExists: false })
    expect(!p.ok && p.message).toContain('run `npm run build` first')
  })

  it('as a process: exits 2 with the message on stderr', async () => {
    // Refused before anything is built or started.
    const launcher = fileURLToPath(new URL('../../scripts/launch.mjs', import.meta.url))
    const err = await run(process.execPath, [launcher, 'staging']).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 2, stdout: '' })
    expect((err as { stderr: string }).stderr).toContain(
      'unknown mode "staging"; use one of: local, production',
    )
  })
})
