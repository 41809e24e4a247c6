import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ContentStore, DEFAULT_CONTENT_LIMITS } from '../../src/simulator/contents.js'
import type { ChatSummary } from '../../src/simulator/model.js'
import { SimulatorError } from '../../src/simulator/simulator.js'
import { phoneJpeg } from '../complaints/evidence/fixtures/images.js'
import { walkToEvidence } from '../complaints/line-intake.js'
import { textOf } from '../helpers/chat.js'
import { captureSim, createSimApp, type SimApp } from './helpers.js'
import { postUpload, simChat, uploadForm } from './sim-chat.js'

const KB = 1024
const limits = { imageBytes: 4 * KB, fileBytes: 6 * KB, totalBytes: 8 * KB }
const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill)
/** A JPEG's first bytes, padded to the size wanted: only the size matters here. */
const jpegOf = (n: number) => {
  const b = bytes(n)
  b.set([0xff, 0xd8, 0xff, 0xe0])
  return b
}
const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(SimulatorError)
  return err instanceof SimulatorError ? err : null
}

describe('getContent answers as LINE does for what it does not have', () => {
  test('an unknown id is 404 (not_found); content pushed out by newer items, or too old, is 410 (gone)', async () => {
    const { sim, clock, lastEvent } = captureSim({ contentLimits: limits })
    const chat = await sim.openUserChat('ก')
    expect(await sim.line.getContent('123456789012345678')).toEqual({ kind: 'not_found' })
    const idOf = () => String((lastEvent().message as { id: string }).id)
    await sim.sendFile(chat.id, undefined, { name: 'a.bin', bytes: bytes(5 * KB) })
    const first = idOf()
    await sim.sendFile(chat.id, undefined, { name: 'b.bin', bytes: bytes(5 * KB) })
    const second = idOf()
    // 10 KB would be over the 8 KB kept in all: the older file goes.
    expect(await sim.line.getContent(first)).toEqual({ kind: 'gone' })
    expect((await sim.line.getContent(second)).kind).toBe('ok')
    expect(sim.contentUsage()).toEqual({ items: 1, bytes: 5 * KB })
    clock.advance(DEFAULT_CONTENT_LIMITS.keepMs)
    expect(await sim.line.getContent(second)).toEqual({ kind: 'gone' })
    expect(sim.contentUsage()).toEqual({ items: 0, bytes: 0 })
  })

  test("the bot's own answer to content LINE no longer has: send it again", async () => {
    const t = await createSimApp({ contentLimits: { keepMs: 0 } })
    try {
      const chat = await simChat(t.app, () => t.settle(), 'ผู้แจ้ง')
      await walkToEvidence(chat)
      const answer = textOf(await chat.photo(phoneJpeg()))
      expect(answer).toMatch(/ไม่มีอยู่ใน LINE แล้ว/)
      expect(answer).toMatch(/ได้รับแล้ว 0/)
      expect(await t.testDb.db.selectFrom('complaint_draft_files').selectAll().execute()).toEqual([])
      expect(await t.testDb.db.selectFrom('complaint_evidence').selectAll().execute()).toEqual([])
    } finally {
      await t.close()
    }
  })
})

describe('refused uploads keep nothing and send nothing', () => {
  test('over its limit, a photo or a file is refused with 413 in Thai and English', async () => {
    const store = new ContentStore({ ...DEFAULT_CONTENT_LIMITS, ...limits }, () => 0)
    expect(() =>
      store.put('1', { type: 'image', contentType: 'image/jpeg', bytes: bytes(4 * KB + 1) }),
    ).toThrow(/รูปภาพใหญ่เกิน 4 KB \/ The photo is over 4 KB/)
    expect(store.usage()).toEqual({ items: 0, bytes: 0 })

    const { sim, events } = captureSim({ contentLimits: limits })
    const chat = await sim.openUserChat('ข')
    const before = events().length
    const photo = await refusal(sim.sendImage(chat.id, undefined, jpegOf(4 * KB + 1)))
    expect(photo?.status).toBe(413)
    expect(photo?.message).toMatch(/ใหญ่เกิน.*The photo is over/)
    const file = await refusal(
      sim.sendFile(chat.id, undefined, { name: 'big.mp4', bytes: bytes(6 * KB + 1) }),
    )
    expect(file?.message).toMatch(/ไฟล์ใหญ่เกิน 6 KB \/ The file is over 6 KB/)
    expect(events()).toHaveLength(before)
    expect(sim.transcript.since(chat.id).filter((e) => e.kind === 'media')).toEqual([])
    expect(sim.contentUsage()).toEqual({ items: 0, bytes: 0 })
  })

  test('a photo must be a JPEG or PNG by its bytes, whatever its name; an empty file is refused', async () => {
    const { sim, events } = captureSim()
    const chat = await sim.openUserChat('ค')
    const before = events().length
    const pdf = new TextEncoder().encode('%PDF-1.4 not a photo')
    const err = await refusal(sim.sendImage(chat.id, undefined, pdf))
    expect(err?.status).toBe(400)
    expect(err?.message).toMatch(/JPEG หรือ PNG.*A photo must be a JPEG or PNG/)
    await refusal(sim.sendFile(chat.id, undefined, { name: 'empty.txt', bytes: new Uint8Array() }))
    await refusal(sim.sendFile(chat.id, undefined, { name: '  /  ', bytes: bytes(10) }))
    expect(events()).toHaveLength(before)
    expect(sim.contentUsage().items).toBe(0)
  })
})

describe('simulator API: bad uploads', () => {
  let t: SimApp
  let chat: ChatSummary
  beforeAll(async () => {
    t = await createSimApp({ contentLimits: limits })
    chat = (await t.api<{ chat: ChatSummary }>('POST', '/open', { name: 'ง' })).json.chat
  })
  afterAll(async () => {
    await t?.close()
  })
  const media = () => t.sim.transcript.since(chat.id).filter((e) => e.kind === 'media')

  test('over the limit: 413 with a clear message, whether caught from the size or the form', async () => {
    const slightly = await postUpload(
      t.app,
      'image',
      uploadForm(chat.id, { name: 'a.jpg', bytes: jpegOf(5 * KB) }),
    )
    expect(slightly).toMatchObject({ status: 413, json: { error: 'payload_too_large' } })
    expect(slightly.json.message).toMatch(/รูปภาพใหญ่เกิน 4 KB \/ The photo is over 4 KB/)
    // Far over: refused by the body limit before the form is parsed.
    const far = await postUpload(
      t.app,
      'file',
      uploadForm(chat.id, { name: 'v.mp4', bytes: bytes(200 * KB) }),
    )
    expect(far.status).toBe(413)
    expect(far.json.message).toMatch(/ไฟล์ใหญ่เกิน 6 KB \/ The file is over 6 KB/)
    expect(media()).toEqual([])
    expect(t.sim.contentUsage().items).toBe(0)
  })

  test('a document sent as a photo is refused (400) and nothing is kept', async () => {
    const doc = new TextEncoder().encode('%PDF-1.4')
    const res = await postUpload(
      t.app,
      'image',
      uploadForm(chat.id, { name: 'photo.jpg', bytes: doc, type: 'image/jpeg' }),
    )
    expect(res.status).toBe(400)
    expect(res.json.message).toMatch(/JPEG หรือ PNG/)
    expect(media()).toEqual([])
  })

  test('not a form, no file, an unknown chat, a group without a speaker: 400', async () => {
    const json = await t.app.request('/dev/chat/api/image', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat: chat.id }),
    })
    expect(json.status).toBe(400)
    expect(((await json.json()) as { message: string }).message).toMatch(/multipart\/form-data/)
    const noFile = new FormData()
    noFile.set('chat', chat.id)
    expect((await postUpload(t.app, 'file', noFile)).json.message).toMatch(/ต้องแนบไฟล์ \/ file is required/)
    const unknown = uploadForm(`U${'0'.repeat(32)}`, { name: 'a.jpg', bytes: jpegOf(200) })
    expect((await postUpload(t.app, 'image', unknown)).json.message).toMatch(/unknown chat/)
    const g = (await t.api<{ chat: ChatSummary }>('POST', '/group', { name: 'กลุ่ม', members: ['จ', 'ฉ'] }))
      .json.chat
    const silent = await postUpload(t.app, 'image', uploadForm(g.id, { name: 'a.jpg', bytes: jpegOf(200) }))
    expect(silent.status).toBe(400)
    const stranger = await postUpload(
      t.app,
      'image',
      uploadForm(g.id, { name: 'a.jpg', bytes: jpegOf(200) }, 'ช'),
    )
    expect(stranger.json.message).toMatch(/not a member/)
    expect(t.sim.contentUsage().items).toBe(0)
  })

  test('a blocked bot gets nothing: unblock first', async () => {
    await t.api('POST', '/follow', { chat: chat.id, following: false })
    const res = await postUpload(t.app, 'image', uploadForm(chat.id, { name: 'a.jpg', bytes: jpegOf(200) }))
    expect(res).toMatchObject({ status: 400 })
    expect(res.json.message).toMatch(/unblock/)
    await t.api('POST', '/follow', { chat: chat.id, following: true })
  })
})
