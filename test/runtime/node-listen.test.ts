import { afterEach, describe, expect, test } from 'vitest'
import { listenHost, parseConfig } from '../../src/config.js'
import { closeServer, type Listening, listen } from '../../src/runtime/node-listen.js'
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

describe('closing for a shutdown', () => {
  test('a client that keeps sending on its connection does not hold the exit: answers say close', async () => {
    const { request, Agent } = await import('node:http')
    const config = testConfig()
    // Each answer takes a little while, so the socket is busy, not idle, when the close comes.
    let started = () => {}
    const open = await listen(
      async () => {
        started()
        await new Promise((r) => setTimeout(r, 20))
        return new Response('ok')
      },
      config,
      0,
    )
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const get = () =>
      new Promise<{ connection: string | undefined }>((resolve, reject) => {
        const req = request(`${open.base}/`, { agent }, (res) => {
          res.resume()
          res.on('end', () => resolve({ connection: res.headers.connection }))
        })
        req.on('error', reject)
        req.end()
      })
    expect((await get()).connection).toBe('keep-alive')
    // The client goes on sending, one request after another, on its one kept-alive socket,
    // until the server tells it to stop (`Connection: close`) or closes the socket.
    const answers: (string | undefined)[] = []
    const client = (async () => {
      for (;;) {
        const r = await get().catch(() => null)
        if (!r || r.connection === 'close') return r ? 'told to close' : 'closed'
        answers.push(r.connection)
      }
    })()
    await new Promise<void>((r) => {
      started = r
    })
    // A grace far beyond the test's timeout: only `Connection: close` can end this.
    await closeServer(open.server, 10 * 60_000)
    expect(['told to close', 'closed']).toContain(await client)
    expect(answers.length).toBeGreaterThan(0)
    agent.destroy()
  })
})
