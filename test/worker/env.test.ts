import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { evidenceLimitsFromEnv } from '../../src/complaints/evidence/index.js'
import { envSchema } from '../../src/config.js'
import { createLogger } from '../../src/core/logger.js'
import { checkWorkerEnv, logMisconfigured, misconfiguredPage } from '../../src/worker/env.js'
import { TEST_APP_SECRET, TEST_CHANNEL_SECRET, TEST_DATA_KEY } from '../helpers/app.js'

const HYPERDRIVE = { connectionString: 'postgresql://u:p@abc.hyperdrive.local:5432/db?sslmode=disable' }
const SECRETS = {
  LINE_CHANNEL_SECRET: TEST_CHANNEL_SECRET,
  LINE_CHANNEL_ACCESS_TOKEN: 'a-long-enough-channel-access-token',
  APP_SECRET: TEST_APP_SECRET,
  DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
}

describe('the Worker environment check', () => {
  it('accepts the bindings and secrets wrangler.toml asks for; [vars] may be numbers', () => {
    const r = checkWorkerEnv({
      ...SECRETS,
      HYPERDRIVE,
      COMPLAINT_ACK_DAYS: 5,
      EVIDENCE_MAX_PIXELS: '3000000',
    })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.setup.databaseUrl).toBe(HYPERDRIVE.connectionString)
    expect(r.setup.config.production).toBe(true)
    expect(r.setup.config.env.COMPLAINT_ACK_DAYS).toBe(5)
    // wrangler.toml's smaller photo limit reaches the evidence sanitizer.
    expect(evidenceLimitsFromEnv(r.setup.config.env).maxPixels).toBe(3_000_000)
  })

  it('names every missing secret and binding and says how to set it', () => {
    const r = checkWorkerEnv({ LINE_CHANNEL_SECRET: TEST_CHANNEL_SECRET })
    expect(r.ok).toBe(false)
    const problems = r.ok ? [] : r.problems
    for (const name of ['LINE_CHANNEL_ACCESS_TOKEN', 'APP_SECRET', 'DATA_ENCRYPTION_KEY']) {
      expect(problems).toContain(`${name}: secret missing (wrangler secret put ${name})`)
    }
    expect(problems).toContain('HYPERDRIVE: binding missing (wrangler.toml [[hyperdrive]])')
    expect(problems).toHaveLength(4)
  })

  it('names a bad variable too, and a binding of the wrong shape', () => {
    const r = checkWorkerEnv({ ...SECRETS, HYPERDRIVE: 'postgres://x', TZ_DEFAULT: 'Mars/Olympus' })
    expect(r.ok ? [] : r.problems.map((p) => p.split(':')[0])).toEqual(['TZ_DEFAULT', 'HYPERDRIVE'])
  })

  it('answers 503 with a Thai and English page, and logs names without values', async () => {
    const res = misconfiguredPage(['APP_SECRET: secret missing', 'X: <b>'])
    expect(res.status).toBe(503)
    expect(res.headers.get('content-type')).toContain('text/html')
    const html = await res.text()
    expect(html).toContain('บริการยังตั้งค่าไม่ครบ')
    expect(html).toContain('<code>APP_SECRET: secret missing</code>')
    expect(html).toContain('&#60;b&#62;')
    const lines: string[] = []
    logMisconfigured(createLogger({ level: 'info', write: (l) => lines.push(l) }), ['APP_SECRET: x'], 'fetch')
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      level: 'error',
      event: 'worker.misconfigured',
      during: 'fetch',
      missing: 'APP_SECRET',
    })
  })

  it('wrangler.toml documents every variable of the environment schema', () => {
    const toml = readFileSync('wrangler.toml', 'utf8')
    for (const name of Object.keys(envSchema.shape)) expect(toml, name).toContain(name)
    expect(toml).toMatch(/^crons = \[".+"\]$/m)
    expect(toml).toMatch(/^binding = "HYPERDRIVE"$/m)
  })
})
