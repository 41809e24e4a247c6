import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { EntryView } from '../../src/simulator/client.js'
import type { ChatSummary, TranscriptEntry } from '../../src/simulator/model.js'
import { createSimApp, isBot, type SimApp, waitForEntry } from './helpers.js'

// End to end through the real pipeline: JSON API → simulator → signed webhook → inbox →
// handlers → simulated LINE → transcript. Wording belongs to flows/, so only structure and
// stable facts are asserted here.

let t: SimApp
beforeAll(async () => {
  t = await createSimApp()
})
afterAll(async () => {
  await t?.close()
})

type Chat = { chat: ChatSummary }
const quickReplyOf = (e: TranscriptEntry) => (e.kind === 'bot' ? e.messages.at(-1)?.quickReply : undefined)

describe('simulator API end to end', () => {
  test('a persona opens a chat: follow → greeting; "เมนู" → a reply with quick replies', async () => {
    const opened = await t.api<Chat>('POST', '/open', { name: 'สมชาย ใจดี' })
    expect(opened.status).toBe(200)
    const id = opened.json.chat.id
    expect(opened.json.chat).toMatchObject({ kind: 'user', name: 'สมชาย ใจดี', following: true })
    await waitForEntry(t.sim, id, isBot)

    const said = await t.api<{ entry: EntryView }>('POST', '/say', { chat: id, text: 'เมนู' })
    expect(said.status).toBe(200)
    expect(said.json.entry).toMatchObject({ kind: 'user', text: 'เมนู', from: { name: 'สมชาย ใจดี' } })
    const reply = await waitForEntry(t.sim, id, (e) => isBot(e) && e.seq > said.json.entry.seq)
    expect(reply).toMatchObject({ kind: 'bot', via: 'reply' })
    expect(quickReplyOf(reply)?.items?.length).toBeGreaterThan(0)

    const transcript = await t.api<{ entries: EntryView[]; lastSeq: number }>(
      'GET',
      `/transcript?chat=${id}&since=0`,
    )
    expect(transcript.status).toBe(200)
    const kinds = transcript.json.entries.map((e) => e.kind)
    expect(kinds).toContain('user')
    expect(kinds.filter((k) => k === 'bot').length).toBeGreaterThanOrEqual(2)
    const botView = transcript.json.entries.find((e) => e.seq === reply.seq)
    expect(botView?.html).toContain('lc-chip')
    const later = await t.api<{ entries: EntryView[] }>(
      'GET',
      `/transcript?chat=${id}&since=${transcript.json.lastSeq}`,
    )
    expect(later.json.entries).toEqual([])
  })

  test('a postback from a quick reply or button reaches the handlers', async () => {
    const { json } = await t.api<Chat>('POST', '/open', { name: 'สมหญิง รักงาน' })
    await waitForEntry(t.sim, json.chat.id, isBot)
    const sent = await t.api<{ entry: EntryView }>('POST', '/postback', {
      chat: json.chat.id,
      data: 'action=menu',
      displayText: 'เมนู',
    })
    expect(sent.status).toBe(200)
    expect(sent.json.entry).toMatchObject({ kind: 'postback', data: 'action=menu', displayText: 'เมนู' })
    // action=menu is the rich menu's "menu" postback: the bot answers it.
    await waitForEntry(t.sim, json.chat.id, (e) => isBot(e) && e.seq > sent.json.entry.seq)
  })

  test('a group with two members, then the bot joins and greets; a mention gets an answer', async () => {
    const created = await t.api<Chat>('POST', '/group', {
      name: 'ฝ่ายพัสดุ',
      members: ['มานะ ขยันยิ่ง', 'ชูใจ ใฝ่ธรรม'],
    })
    expect(created.status).toBe(200)
    const g = created.json.chat
    expect(g).toMatchObject({ kind: 'group', botIn: false })
    expect(g.members?.map((m) => m.name)).toEqual(['มานะ ขยันยิ่ง', 'ชูใจ ใฝ่ธรรม'])

    const joined = await t.api<Chat>('POST', `/group/${g.id}/bot`)
    expect(joined.json.chat.botIn).toBe(true)
    const greeting = await waitForEntry(t.sim, g.id, isBot)
    expect(greeting).toMatchObject({ kind: 'bot' })

    const said = await t.api<{ entry: EntryView }>('POST', '/say', {
      chat: g.id,
      as: 'มานะ ขยันยิ่ง',
      text: '@bot เมนู',
    })
    expect(said.json.entry).toMatchObject({ kind: 'user', mentionsBot: true })
    await waitForEntry(t.sim, g.id, (e) => isBot(e) && e.seq > said.json.entry.seq)

    const added = await t.api<Chat>('POST', `/group/${g.id}/members`, { name: 'ปิติ' })
    expect(added.json.chat.members).toHaveLength(3)
    const removed = await t.api<Chat>('DELETE', `/group/${g.id}/members/${encodeURIComponent('ปิติ')}`)
    expect(removed.json.chat.members).toHaveLength(2)
    const left = await t.api<Chat>('DELETE', `/group/${g.id}/bot`)
    expect(left.json.chat.botIn).toBe(false)

    const chats = await t.api<{ chats: ChatSummary[]; personas: string[]; bot: { name: string } }>(
      'GET',
      '/chats',
    )
    expect(chats.json.chats.map((c) => c.id)).toContain(g.id)
    expect(chats.json.personas).toContain('สมชาย ใจดี')
  })

  test('unsend and block/unblock through the API', async () => {
    const { json } = await t.api<Chat>('POST', '/open', { name: 'ปิติ ยินดี' })
    const said = await t.api<{ entry: EntryView }>('POST', '/say', { chat: json.chat.id, text: 'พิมพ์ผิด' })
    const unsent = await t.api<{ entry: EntryView }>('POST', '/unsend', { chat: json.chat.id })
    expect(unsent.json.entry).toMatchObject({ kind: 'unsend', targetSeq: said.json.entry.seq })
    const view = await t.api<{ entries: EntryView[] }>('GET', `/transcript?chat=${json.chat.id}`)
    expect(view.json.entries.find((e) => e.seq === said.json.entry.seq)).toMatchObject({ unsent: true })
    const blocked = await t.api<Chat>('POST', '/follow', { chat: json.chat.id, following: false })
    expect(blocked.json.chat.following).toBe(false)
    const back = await t.api<Chat>('POST', '/follow', { chat: json.chat.id, following: true })
    expect(back.json.chat.following).toBe(true)
  })

  test('the chat page is served with its script', async () => {
    const res = await t.app.request('/dev/chat')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<!doctype html>')
    expect(html).toContain('สมชาย ใจดี')
    expect(html).toContain('/dev/chat/api')
    expect((await t.app.request('/dev')).status).toBe(302)
  })
})
