import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { EntryView } from '../../src/simulator/client.js'
import type { ChatSummary } from '../../src/simulator/model.js'
import { parseEnvelope } from '../../src/webhook/events.js'
import { signBody } from '../../src/webhook/signature.js'
import { metadataPng, phoneJpeg } from '../complaints/evidence/fixtures/images.js'
import { captureSim, createSimApp, SIM_SECRET, type SimApp } from './helpers.js'
import { postUpload, uploadForm } from './sim-chat.js'

const MESSAGE_ID = /^[1-9][0-9]{17}$/
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/
const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n')

describe('simulator: photos and files reach the bot as LINE sends them', () => {
  test('a photo: a signed `image` message event, and getContent returns its bytes', async () => {
    const { sim, webhooks, lastEvent } = captureSim()
    const chat = await sim.openUserChat('สมชาย ใจดี')
    const photo = phoneJpeg()
    const entry = await sim.sendImage(chat.id, undefined, photo)
    const hook = webhooks.at(-1)
    expect(hook?.signature).toBe(await signBody(SIM_SECRET, hook?.body ?? ''))
    expect(parseEnvelope(JSON.parse(hook?.body ?? '{}')).ok).toBe(true)
    const e = lastEvent()
    expect(e).toMatchObject({
      type: 'message',
      mode: 'active',
      timestamp: Date.parse('2026-11-22T03:00:00Z'),
      source: { type: 'user', userId: chat.id },
      deliveryContext: { isRedelivery: false },
    })
    expect(e.webhookEventId).toMatch(ULID)
    expect(e.replyToken).toMatch(/^[0-9a-f]{32}$/)
    const message = e.message as Record<string, unknown>
    expect(Object.keys(message).sort()).toEqual(['contentProvider', 'id', 'quoteToken', 'type'])
    expect(message).toMatchObject({ type: 'image', contentProvider: { type: 'line' } })
    expect(message.id).toMatch(MESSAGE_ID)
    expect(message.quoteToken).toMatch(/^[A-Za-z0-9_-]{20,}$/)
    expect(entry).toMatchObject({ kind: 'media', media: 'image', messageId: message.id, size: photo.length })
    expect(await sim.line.getContent(String(message.id))).toEqual({
      kind: 'ok',
      contentType: 'image/jpeg',
      bytes: photo,
    })
  })

  test('a file: a `file` message event with its name and size, no quote token; a PNG photo is image/png', async () => {
    const { sim, lastEvent } = captureSim()
    const chat = await sim.openUserChat('สมหญิง รักงาน')
    await sim.sendFile(chat.id, undefined, {
      name: 'รายงาน การเงิน.pdf',
      bytes: pdf,
      contentType: 'application/pdf',
    })
    const message = lastEvent().message as Record<string, unknown>
    expect(message).toEqual({
      type: 'file',
      id: message.id,
      fileName: 'รายงาน การเงิน.pdf',
      fileSize: pdf.length,
    })
    expect(message.id).toMatch(MESSAGE_ID)
    expect(await sim.line.getContent(String(message.id))).toEqual({
      kind: 'ok',
      contentType: 'application/pdf',
      bytes: pdf,
    })
    const png = metadataPng()
    await sim.sendImage(chat.id, undefined, png)
    const id = String((lastEvent().message as Record<string, unknown>).id)
    expect(await sim.line.getContent(id)).toMatchObject({ kind: 'ok', contentType: 'image/png' })
  })

  test('in a group a member sends a photo: the source names the group and the member', async () => {
    const { sim, events, lastEvent } = captureSim()
    const g = await sim.createGroup('งานพัสดุ', ['มานะ ขยันยิ่ง', 'ชูใจ ใฝ่ธรรม'])
    const before = events().length
    // Without the bot in the group the photo shows in the chat but reaches no webhook.
    await sim.sendImage(g.id, 'ชูใจ ใฝ่ธรรม', phoneJpeg())
    expect(events()).toHaveLength(before)
    await sim.addBot(g.id)
    await sim.sendFile(g.id, 'ชูใจ ใฝ่ธรรม', { name: 'ใบเสนอราคา.pdf', bytes: pdf })
    const member = g.members?.find((m) => m.name === 'ชูใจ ใฝ่ธรรม')?.userId
    expect(lastEvent()).toMatchObject({
      type: 'message',
      source: { type: 'group', groupId: g.id, userId: member },
      message: { type: 'file', fileName: 'ใบเสนอราคา.pdf' },
    })
    expect(sim.transcript.since(g.id).filter((e) => e.kind === 'media')).toHaveLength(2)
  })

  test('unsend takes a photo back: an `unsend` event with its id, and LINE no longer has it', async () => {
    const { sim, lastEvent } = captureSim()
    const chat = await sim.openUserChat('มานะ ขยันยิ่ง')
    const sent = await sim.sendImage(chat.id, undefined, phoneJpeg())
    const id = sent.kind === 'media' ? sent.messageId : ''
    await sim.unsend(chat.id, undefined)
    expect(lastEvent()).toMatchObject({ type: 'unsend', unsend: { messageId: id } })
    expect(await sim.line.getContent(id)).toEqual({ kind: 'gone' })
    expect(sim.isUnsent(sent.seq)).toBe(true)
  })
})

describe('simulator API: uploads from the chat page', () => {
  let t: SimApp
  beforeAll(async () => {
    t = await createSimApp()
  })
  afterAll(async () => {
    await t?.close()
  })

  test('a photo posted as multipart: shown as a thumbnail the page can load, delivered to the app', async () => {
    const { json } = await t.api<{ chat: ChatSummary }>('POST', '/open', { name: 'สมชาย ใจดี' })
    const photo = phoneJpeg()
    const sent = await postUpload(t.app, 'image', uploadForm(json.chat.id, { name: 'a.jpg', bytes: photo }))
    expect(sent.status).toBe(200)
    const entry = sent.json.entry as EntryView
    expect(entry).toMatchObject({ kind: 'media', media: 'image', size: photo.length, unsent: false })
    const id = entry.kind === 'media' ? entry.messageId : ''
    expect(entry.html).toContain(`<img src="/dev/chat/api/content/${id}"`)
    const thumb = await t.app.request(`/dev/chat/api/content/${id}`)
    expect(thumb.status).toBe(200)
    expect(thumb.headers.get('content-type')).toBe('image/jpeg')
    expect(new Uint8Array(await thumb.arrayBuffer())).toEqual(photo)
    // The app took the signed webhook (a refused delivery is written into the chat as an error).
    const errors = t.sim.transcript
      .since(json.chat.id)
      .filter((e) => e.kind === 'system' && e.level === 'error')
    expect(errors).toEqual([])
  })

  test('a file posted as multipart: a chip with its name and size; the limits are published', async () => {
    const { json } = await t.api<{ chat: ChatSummary }>('POST', '/open', { name: 'สมหญิง รักงาน' })
    const bytes = new Uint8Array(3 * 1024).fill(65)
    const form = uploadForm(json.chat.id, { name: 'บันทึก.txt', bytes, type: 'text/plain' })
    const sent = await postUpload(t.app, 'file', form)
    expect(sent.status).toBe(200)
    const entry = sent.json.entry as EntryView
    expect(entry).toMatchObject({
      kind: 'media',
      media: 'file',
      fileName: 'บันทึก.txt',
      contentType: 'text/plain',
    })
    expect(entry.html).toMatch(/class="file-name">บันทึก\.txt<[\s\S]*class="file-size">3 KB</)
    expect(entry.html).not.toContain('<img')
    const id = entry.kind === 'media' ? entry.messageId : ''
    expect(await t.sim.line.getContent(id)).toMatchObject({ kind: 'ok', bytes })
    const chats = await t.api<{ limits: Record<string, number> }>('GET', '/chats')
    expect(chats.json.limits).toMatchObject({ imageBytes: 10 * 1024 * 1024, fileBytes: 20 * 1024 * 1024 })
  })
})
