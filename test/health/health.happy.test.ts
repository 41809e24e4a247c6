import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPgDb } from '../../src/db/pg.js'
import type { LineMessage, SendResult } from '../../src/line/port.js'
import { DEFAULT_ORG } from '../../src/webhook/channels.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { envelope, signedRequest, textEvent } from '../helpers/line-events.js'

const msg: LineMessage[] = [{ type: 'text', text: 'ok' }]
const push = { retryKey: '00000000-0000-4000-8000-000000000000' }
const down: SendResult = { kind: 'unavailable', status: 502, detail: 'HTTP 502' }

describe.each(DB_KINDS)('/healthz (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  it('is ok with LINE answering', async () => {
    const res = await t.app.request('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      status: 'ok',
      line: { status: 'ok', since: null },
      failures: {},
    })
  })

  it('stays 200 through a LINE outage, saying degraded and since when', async () => {
    line.script.push(down, down, down)
    const port = await t.deps.lines(DEFAULT_ORG)
    const since = t.clock.now().toISOString()
    for (let i = 0; i < 3; i++) {
      await port?.push('C1', msg, push)
      t.clock.advance(2000)
    }
    const res = await t.app.request('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      status: 'degraded',
      database: 'reachable',
      line: { status: 'unavailable', since },
    })
    await port?.push('C1', msg, push)
    expect(await (await t.app.request('/healthz')).json()).toMatchObject({
      status: 'ok',
      line: { status: 'ok' },
    })
  })

  it('says a monthly quota used up, still 200', async () => {
    line.script.push({ kind: 'quota_exhausted', status: 429, detail: 'You have reached your monthly limit.' })
    await (await t.deps.lines(DEFAULT_ORG))?.push('C1', msg, push)
    const res = await t.app.request('/healthz')
    expect(res.status).toBe(200)
    expect((await res.json()).line.status).toBe('quota_exhausted')
  })

  it('answers 503 when the database is unreachable, with the failures counted by cause', async () => {
    const unreachable = createPgDb('postgres://nobody:x@127.0.0.1:1/none')
    const d = await createTestApp(kind, { line, db: unreachable })
    try {
      for (let i = 0; i < 3; i++) await d.app.request(await signedRequest(envelope([textEvent('เมนู')])))
      const res = await d.app.request('/healthz')
      expect(res.status).toBe(503)
      const body = await res.json()
      expect(body).toMatchObject({ status: 'unavailable', database: 'unreachable' })
      expect(Object.entries(body.failures)).toEqual([
        [expect.stringMatching(/^webhook\.store_failed: /), 3],
        [expect.stringMatching(/^health\.database_unreachable: /), 1],
      ])
      expect(d.logs.filter((l) => l.includes('webhook.store_failed'))).toHaveLength(1)
    } finally {
      await unreachable.destroy()
      await d.close()
    }
  })
})
