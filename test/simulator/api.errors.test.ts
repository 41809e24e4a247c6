import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ChatSummary } from '../../src/simulator/model.js'
import { createSimulator } from '../../src/simulator/simulator.js'
import { createSimApp, type SimApp } from './helpers.js'

let t: SimApp
let user: ChatSummary
let group: ChatSummary
beforeAll(async () => {
  t = await createSimApp()
  user = (await t.api<{ chat: ChatSummary }>('POST', '/open', { name: 'สมชาย ใจดี' })).json.chat
  const created = await t.api<{ chat: ChatSummary }>('POST', '/group', {
    name: 'ทดสอบ',
    members: ['สมชาย ใจดี'],
    withBot: true,
  })
  group = created.json.chat
})
afterAll(async () => {
  await t?.close()
})

const UNKNOWN_USER = `U${'0'.repeat(32)}`

describe('simulator API answers 400 with a clear message for bad input', () => {
  const cases: [string, string, string, () => unknown, RegExp][] = [
    ['unknown chat', 'POST', '/say', () => ({ chat: UNKNOWN_USER, text: 'x' }), /unknown chat/],
    ['malformed chat id', 'POST', '/say', () => ({ chat: 'room-1', text: 'x' }), /chat must be a chat id/],
    ['empty text', 'POST', '/say', () => ({ chat: user.id, text: '   ' }), /text is empty/],
    ['missing text', 'POST', '/say', () => ({ chat: user.id }), /text/],
    ['text over 5,000', 'POST', '/say', () => ({ chat: user.id, text: 'ก'.repeat(5001) }), /5,000/],
    ['persona not in the 1:1 chat', 'POST', '/say', () => ({ chat: user.id, as: 'คนอื่น', text: 'x' }), /1:1/],
    [
      'persona not in the group',
      'POST',
      '/say',
      () => ({ chat: group.id, as: 'คนนอก', text: 'x' }),
      /not a member/,
    ],
    [
      'persona name too long',
      'POST',
      '/say',
      () => ({ chat: group.id, as: 'ก'.repeat(41), text: 'x' }),
      /40/,
    ],
    ['empty persona', 'POST', '/open', () => ({ name: '' }), /name is empty/],
    ['postback without data', 'POST', '/postback', () => ({ chat: user.id, data: '' }), /data is empty/],
    ['postback data over 300', 'POST', '/postback', () => ({ chat: user.id, data: 'x'.repeat(301) }), /300/],
    [
      'bad picker params',
      'POST',
      '/postback',
      () => ({ chat: user.id, data: 'a=b', params: { date: 'พรุ่งนี้' } }),
      /yyyy-MM-dd/,
    ],
    ['group without members', 'POST', '/group', () => ({ name: 'ว่าง', members: [] }), /at least one member/],
    ['add the bot twice', 'POST', '/group/:g/bot', () => undefined, /already/],
    ['follow flag missing', 'POST', '/follow', () => ({ chat: user.id }), /following/],
    ['not JSON', 'POST', '/say', () => 'not json', /JSON/],
  ]

  for (const [what, method, path, body, message] of cases) {
    test(what, async () => {
      const b = body()
      const res = await t.api<{ error: string; message: string }>(method, path.replace(':g', group.id), b)
      expect(res.status).toBe(400)
      expect(res.json.error).toBe('bad_request')
      expect(res.json.message).toMatch(message)
    })
  }

  test('transcript of an unknown or malformed chat', async () => {
    expect((await t.api('GET', `/transcript?chat=${UNKNOWN_USER}`)).status).toBe(400)
    expect((await t.api('GET', '/transcript?chat=x&since=-1')).status).toBe(400)
    expect((await t.api('GET', '/transcript')).status).toBe(400)
  })

  test('group routes with an unknown group id', async () => {
    const res = await t.api<{ message: string }>('POST', `/group/C${'0'.repeat(32)}/members`, { name: 'ก' })
    expect(res.status).toBe(400)
    expect(res.json.message).toMatch(/unknown group/)
  })

  test('a webhook the app refuses shows up in the chat as an error note with the status', async () => {
    // A simulator signing with another secret than the app's: the webhook answers 401.
    const stray = createSimulator({ channelSecret: 'f'.repeat(32) })
    stray.attach(async (req) => t.app.fetch(req))
    const chat = await stray.openUserChat('มานะ')
    const note = stray.transcript.since(chat.id).find((e) => e.kind === 'system' && e.level === 'error')
    expect(note?.kind === 'system' ? note.text : '').toMatch(/HTTP 401/)
  })
})
