import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
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
    expect(p).toEqual({ ok: true, argv: ['--max-old-space-size=512', ENTRY], env: { MALLOC_ARENA_MAX: '2' } })
  })

  it("flags after the mode come after the mode's own (the later one wins in V8)", () => {
    const p = plan(['production', '--max-old-space-size=1024', '--cpu-prof'], host)
    expect(p.ok && p.argv).toEqual([
      '--max-old-space-size=512',
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
    expect(scripts.start).toBe('npm run --silent build && node scripts/launch.mjs local')
    expect(scripts.serve).toBe('npm run --silent build && node scripts/launch.mjs production')
    // No POSIX `VAR=value` prefixes anywhere a person starts the bot.
    for (const name of ['start', 'serve']) expect(scripts[name]).not.toMatch(/(^|\s)[A-Z_]+=/)
    expect(Object.keys(MODES).sort()).toEqual(['local', 'production'])
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
    const err = await run(process.execPath, ['scripts/launch.mjs', 'staging']).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 2, stdout: '' })
    expect((err as { stderr: string }).stderr).toContain(
      'unknown mode "staging"; use one of: local, production',
    )
  })
})
