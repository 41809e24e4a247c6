import { afterEach, describe, expect, test } from 'vitest'
import { listenHost, parseConfig } from '../../src/config.js'
import { type Listening, listen } from '../../src/runtime/node-listen.js'
import { testConfig } from '../helpers/app.js'

// Local mode serves the simulator and its transcripts without a login: it listens on loopback
// unless HOST says otherwise. Production listens where it is told (every interface by default:
// it runs behind a proxy or in a container).

const hello = () => new Response('hello')

describe('where the Node server listens', () => {
  let open: Listening | null = null
  afterEach(async () => {
    const server = open?.server
    open = null
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  test('local mode: 127.0.0.1 only, and the printed address answers', async () => {
    const config = testConfig()
    expect(config.line.kind).toBe('local')
    open = await listen(hello, config, 0)
    expect(open.address.address).toBe('127.0.0.1')
    expect(open.address.port).toBeGreaterThan(0)
    expect(open.base).toBe(`http://127.0.0.1:${open.address.port}`)
    expect(open.reach).toBe('127.0.0.1 only (HOST)')
    expect(await (await fetch(`${open.base}/`)).text()).toBe('hello')
  })

  test('HOST overrides it: 0.0.0.0 listens on every interface and says so', async () => {
    open = await listen(hello, testConfig({ HOST: '0.0.0.0' }), 0)
    expect(open.address.address).toBe('0.0.0.0')
    expect(open.base).toBe(`http://localhost:${open.address.port}`)
    expect(open.reach).toContain('every network interface (0.0.0.0)')
    expect(await (await fetch(`http://127.0.0.1:${open.address.port}/`)).text()).toBe('hello')
  })

  test('production: every interface unless HOST says otherwise', () => {
    const env = testConfig().env
    expect(listenHost({ env, production: true })).toBe('0.0.0.0')
    expect(listenHost({ env: { ...env, HOST: '10.0.0.5' }, production: true })).toBe('10.0.0.5')
    expect(listenHost({ env, production: false })).toBe('127.0.0.1')
  })

  test('a bad HOST or TRUST_PROXY stops the start, naming the variable', () => {
    const errors = (env: Record<string, string>) => {
      const r = parseConfig({ NODE_ENV: 'test', ...env })
      return r.ok ? [] : r.errors
    }
    expect(errors({ HOST: 'http://example.com' })).toEqual([
      'HOST: must be an IP address or host name, e.g. 127.0.0.1',
    ])
    expect(errors({ TRUST_PROXY: '-1' })[0]).toMatch(/^TRUST_PROXY: /)
    expect(errors({ TRUST_PROXY: 'yes' })[0]).toMatch(/^TRUST_PROXY: /)
    expect(errors({ TRUST_PROXY: '1.5' })[0]).toMatch(/^TRUST_PROXY: /)
    expect(testConfig().env.TRUST_PROXY).toBe(0)
    expect(testConfig({ TRUST_PROXY: '2', HOST: '::' }).env).toMatchObject({ TRUST_PROXY: 2, HOST: '::' })
  })
})
