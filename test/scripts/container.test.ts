import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { relative } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { finalImage, parseDockerfile } from '../../scripts/container/dockerfile.js'
import { ENTRY, MODES } from '../../scripts/launch.mjs'

// The Dockerfile and compose.yaml cannot be built here (no image pulls); scripts/container-steps.ts
// performs their steps in CI. These keep what they say in step with the rest of the repository.
const stages = parseDockerfile(readFileSync('Dockerfile', 'utf8'))
const image = finalImage(stages)
const run = promisify(execFile)

describe('Dockerfile', () => {
  it('builds in one stage (production packages only; their postinstall bundles), runs in another', () => {
    expect(stages).toHaveLength(2)
    const build = stages[0]?.steps.flatMap((s) => (s.kind === 'RUN' ? [s.command] : [])) ?? []
    expect(build[0]).toMatch(/^npm ci --omit=dev\b/)
    // Its postinstall bundles, with a production package, or that install could not bundle.
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>
      dependencies: Record<string, string>
    }
    expect(pkg.scripts.postinstall).toMatch(/scripts\/build\.mjs/)
    expect(Object.keys(pkg.dependencies)).toContain('esbuild')
    const runtime = stages[1]?.steps ?? []
    expect(runtime.some((s) => s.kind === 'RUN' && /npm (ci|install)/.test(s.command))).toBe(false)
  })

  it("starts node dist/main.node.js with the launcher's production flags and environment", () => {
    expect(image.cmd).toEqual(['node', ...MODES.production.flags, relative(process.cwd(), ENTRY)])
    for (const [name, value] of Object.entries(MODES.production.env)) expect(image.env[name]).toBe(value)
    expect(image.env.NODE_ENV).toBe('production')
  })

  it('runs as a user other than root and checks /healthz', () => {
    expect(image.user).toBe('node')
    expect(image.healthcheck).toEqual(['node', 'scripts/healthcheck.mjs'])
    expect(readFileSync('scripts/healthcheck.mjs', 'utf8')).toContain('/healthz')
  })

  it('keeps secrets, local data and builds out of the build context', () => {
    const ignored = readFileSync('.dockerignore', 'utf8').split('\n')
    for (const path of ['.env', '.data', 'node_modules', 'dist', '.git', '.dev.vars*'])
      expect(ignored).toContain(path)
  })

  it('an instruction the steps script does not understand is refused by name', () => {
    expect(() => parseDockerfile('FROM x\nADD https://example.org/a /a\n')).toThrow(
      'Dockerfile: ADD is not understood by scripts/container/dockerfile.ts',
    )
    expect(() => parseDockerfile('RUN true\n')).toThrow('Dockerfile: RUN before FROM')
    expect(() => parseDockerfile('FROM x\nCMD node main.js\n')).toThrow('expected the JSON array form')
  })
})

describe('compose.yaml', () => {
  const compose = parse(readFileSync('compose.yaml', 'utf8')) as {
    services: Record<string, Record<string, unknown>>
    volumes: Record<string, unknown>
  }

  it('PostgreSQL with a volume and a health check; the bot waits for it', () => {
    const db = compose.services.db ?? {}
    expect(String(db.image)).toMatch(/^postgres:/)
    expect(db.volumes).toEqual(['db-data:/var/lib/postgresql/data'])
    expect(Object.keys(compose.volumes)).toContain('db-data')
    expect(db.healthcheck).toMatchObject({ test: ['CMD-SHELL', 'pg_isready -U bot -d integrity'] })
    expect(compose.services.bot?.depends_on).toEqual({ db: { condition: 'service_healthy' } })
  })

  it('the bot: built from the Dockerfile, secrets from .env, the same health check, loopback only', () => {
    const bot = compose.services.bot ?? {}
    expect(bot.build).toBe('.')
    expect(bot.env_file).toBe('.env')
    expect(bot.healthcheck).toMatchObject({ test: ['CMD', ...(image.healthcheck ?? [])] })
    expect(bot.ports).toEqual(['127.0.0.1:3000:3000'])
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose's own ${…}, filled in from .env
    expect(bot.environment).toEqual({ DATABASE_URL: 'postgres://bot:${POSTGRES_PASSWORD}@db:5432/integrity' })
  })
})

describe('scripts/healthcheck.mjs', () => {
  let server: Server | null = null
  afterEach(() => {
    server?.close()
    server = null
  })
  const portOf = (s: Server | null) => String((s?.address() as AddressInfo | null)?.port ?? 0)
  const serve = async (status: number) => {
    server = createServer((req, res) => {
      res.statusCode = req.url === '/healthz' ? status : 404
      res.end('{}')
    })
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r))
    return portOf(server)
  }
  const check = (port: string) =>
    run(process.execPath, ['scripts/healthcheck.mjs'], { env: { ...process.env, PORT: port } }).then(
      () => 0,
      (e: { code: number }) => e.code,
    )

  it('healthy on 200, unhealthy on 503 and when nothing listens', async () => {
    expect(await check(await serve(200))).toBe(0)
    server?.close()
    expect(await check(await serve(503))).toBe(1)
    const port = portOf(server)
    server?.close()
    server = null
    expect(await check(port)).toBe(1)
  })
})
