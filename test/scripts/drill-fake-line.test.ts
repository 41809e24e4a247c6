import { afterEach, describe, expect, it } from 'vitest'
import { DRILL_LINE_TOKEN, type DrillLine, startDrillLine } from '../../scripts/drills/fake-line.js'

// The drills count answers per event at this fake, so it must refuse what LINE refuses.
let line: DrillLine | null = null
afterEach(async () => {
  await line?.close()
  line = null
})

const send = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DRILL_LINE_TOKEN}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  }).then((r) => r.status)

describe('the drills’ fake LINE', () => {
  it('takes a reply token once, a retry key once, and counts what it accepted per chat and instance', async () => {
    line = await startDrillLine({ instances: 2 })
    const [a, b] = line.urls as [string, string]
    const chat = `U${'1'.repeat(32)}`
    const token = line.issueReplyToken(chat)
    const messages = [{ type: 'text', text: 'x' }]
    expect(await send(a, '/v2/bot/message/reply', { replyToken: token, messages })).toBe(200)
    expect(await send(b, '/v2/bot/message/reply', { replyToken: token, messages })).toBe(400)
    const key = { 'x-line-retry-key': '8a7f2c1e-0b7d-4c55-9a51-0d6e3b1f2a90' }
    expect(await send(b, '/v2/bot/message/push', { to: chat, messages }, key)).toBe(200)
    expect(await send(a, '/v2/bot/message/push', { to: chat, messages }, key)).toBe(409)
    expect(await send(b, '/v2/bot/message/push', { to: chat, messages }, key)).toBe(409)
    // Who sent the accepted push again: another instance (a takeover), then the same (a retry).
    expect(line.resends().map((r) => r.sameInstance)).toEqual([false, true])
    expect(line.perChat().get(chat)).toBe(2)
    expect(line.accepted().map((x) => [x.kind, x.port])).toEqual([
      ['reply', Number(new URL(a).port)],
      ['push', Number(new URL(b).port)],
    ])
  })

  it('answers a scripted fault without processing the request', async () => {
    line = await startDrillLine({ instances: 1 })
    const [a] = line.urls as [string]
    const chat = `U${'2'.repeat(32)}`
    const token = line.issueReplyToken(chat)
    line.setFault(() => ({ status: 500, message: 'Internal Server Error' }))
    expect(await send(a, '/v2/bot/message/reply', { replyToken: token, messages: [] })).toBe(500)
    line.setFault(null)
    expect(await send(a, '/v2/bot/message/reply', { replyToken: token, messages: [] })).toBe(200)
    expect(line.perChat().get(chat)).toBe(1)
  })
})
