import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { EntryView } from '../../src/simulator/client.js'
import type { ChatSummary } from '../../src/simulator/model.js'
import { phoneJpeg } from '../complaints/evidence/fixtures/images.js'
import { walkToEvidence } from '../complaints/line-intake.js'
import { createSimApp, type SimApp } from './helpers.js'
import { postUpload, simChat, uploadForm } from './sim-chat.js'

let t: SimApp
let chat: ChatSummary
beforeAll(async () => {
  t = await createSimApp()
  chat = (await t.api<{ chat: ChatSummary }>('POST', '/open', { name: 'สมชาย ใจดี' })).json.chat
})
afterAll(async () => {
  await t?.close()
})

const media = () => t.sim.transcript.since(chat.id).filter((e) => e.kind === 'media')

describe('simulator uploads: security', () => {
  test('a file name is shown escaped, without folders or control characters', async () => {
    const name = 'C:\\Users\\somchai\\<img src=x onerror=alert(1)>\u0007.pdf'
    const sent = await postUpload(
      t.app,
      'file',
      uploadForm(chat.id, { name, bytes: new Uint8Array(8).fill(1) }),
    )
    expect(sent.status).toBe(200)
    const entry = sent.json.entry as EntryView
    expect(entry).toMatchObject({ kind: 'media', fileName: '<img src=x onerror=alert(1)>.pdf' })
    expect(entry.html).not.toMatch(/<img|somchai/i)
    expect(entry.html).toContain('&lt;img src=x onerror=alert(1)&gt;.pdf')
  })

  test('another site cannot post a photo or a file (CSRF): 403, nothing kept', async () => {
    const before = media().length
    const usage = t.sim.contentUsage()
    const foreign: Record<string, string>[] = [
      { origin: 'http://evil.test' },
      { 'sec-fetch-site': 'cross-site' },
    ]
    for (const headers of foreign) {
      const form = uploadForm(chat.id, { name: 'a.jpg', bytes: phoneJpeg() })
      expect((await postUpload(t.app, 'image', form, headers)).status).toBe(403)
    }
    expect(media()).toHaveLength(before)
    expect(t.sim.contentUsage()).toEqual(usage)
  })

  test('only photos are served back, as inert images; a file never is, whatever type it claims', async () => {
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    )
    const file = await postUpload(
      t.app,
      'file',
      uploadForm(chat.id, { name: 'x.svg', bytes: svg, type: 'image/svg+xml' }),
    )
    const fileEntry = file.json.entry as EntryView
    const fileId = fileEntry.kind === 'media' ? fileEntry.messageId : ''
    expect(fileId).not.toBe('')
    expect((await t.app.request(`/dev/chat/api/content/${fileId}`)).status).toBe(404)

    const photo = await postUpload(t.app, 'image', uploadForm(chat.id, { name: 'a.jpg', bytes: phoneJpeg() }))
    const photoEntry = photo.json.entry as EntryView
    const res = await t.app.request(
      `/dev/chat/api/content/${photoEntry.kind === 'media' ? photoEntry.messageId : ''}`,
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toMatch(/sandbox/)
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin')
    expect((await t.app.request('/dev/chat/api/content/..%2F..%2Fetc')).status).toBe(404)
  })

  test('logs carry neither the file name nor the LINE user id of who sent evidence', async () => {
    const person = await simChat(t.app, () => t.settle(), 'ผู้แจ้ง ลับ')
    await walkToEvidence(person)
    const name = 'หลักฐาน-นายสมศักดิ์-ผู้อำนวยการ.pdf'
    await person.file({ name, bytes: new TextEncoder().encode('%PDF-1.4\n%%EOF\n'), type: 'application/pdf' })
    await person.photo(phoneJpeg())
    const logs = t.logs.join('\n')
    expect(logs.length).toBeGreaterThan(0)
    expect(logs).not.toContain(name)
    expect(logs).not.toContain('นายสมศักดิ์')
    expect(logs).not.toContain(person.id)
  })
})
