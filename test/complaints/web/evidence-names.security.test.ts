import { encode } from 'fast-png'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { DEFAULT_MAX_BYTES, sanitizeEvidence } from '../../../src/complaints/evidence/index.js'
import { enterFilings } from '../../../src/complaints/filings.js'
import { attachmentHeader, evidenceName } from '../../../src/complaints/officers/evidence.js'
import { insertEvidence } from '../../../src/complaints/repository.js'
import { sanitizeFiles } from '../../../src/complaints/web/files.js'
import { webWords } from '../../../src/complaints/web/i18n.js'
import { utf8 } from '../../../src/core/bytes.js'
import { systemRandom } from '../../../src/core/receipt.js'
import { Client, PASSWORD_A, seedAccount } from '../../admin/helpers.js'
import { createTestApp, type TestApp } from '../../helpers/app.js'
import { DB_KINDS } from '../../helpers/db.js'
import { gpsJpeg, REPORT, WebClient } from './helpers.js'

// A file's name is the complainant's own words: "ร้องเรียน_นายสมชาย_กองคลัง.jpg", a scanner's
// serial, C:\Users\somchai\…. Officers see "หลักฐาน-1.jpg" instead, numbered by the evidence's
// place in the case, typed by what the content proved to be.

const NAMED = 'ร้องเรียน_นายสมชาย ใจดี_กองคลัง.JPG'
const PATHED = 'C:\\Users\\somchai\\Desktop\\สแกน-SN8842.png'
const TRACES = ['สมชาย', 'somchai', 'กองคลัง', 'SN8842', 'Desktop', 'ร้องเรียน_']
const png = () => encode({ width: 2, height: 2, data: new Uint8Array(16).fill(200), channels: 4 })

describe('the name officers see', () => {
  test('is หลักฐาน-<n> with the extension of the real type, whatever the type claims to be', () => {
    expect(evidenceName(1, 'image/jpeg')).toBe('หลักฐาน-1.jpg')
    expect(evidenceName(2, 'application/pdf')).toBe('หลักฐาน-2.pdf')
    expect(evidenceName(3, 'text/plain; charset=utf-8')).toBe('หลักฐาน-3.txt')
    expect(evidenceName(4, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(
      'หลักฐาน-4.docx',
    )
    expect(evidenceName(5, 'video/quicktime')).toBe('หลักฐาน-5.mov')
    expect(evidenceName(6, 'text/html')).toBe('หลักฐาน-6.bin')
  })

  test('is sent as RFC 6266 / 5987: an ASCII fallback and the exact UTF-8 name', () => {
    const header = attachmentHeader('หลักฐาน-12.jpg')
    expect(header).toBe(
      `attachment; filename="evidence-12.jpg"; filename*=UTF-8''%E0%B8%AB%E0%B8%A5%E0%B8%B1%E0%B8%81%E0%B8%90%E0%B8%B2%E0%B8%99-12.jpg`,
    )
    // A header value is bytes: a Thai character in it would throw in Headers.
    expect([...header].every((c) => c.charCodeAt(0) < 0x7f)).toBe(true)
    expect(decodeURIComponent(header.split("UTF-8''")[1] ?? '')).toBe('หลักฐาน-12.jpg')
    expect(() => new Headers({ 'content-disposition': header })).not.toThrow()
  })

  test('never breaks out of the header, even from a name with quotes or RFC 5987 specials', () => {
    const header = attachmentHeader(`a"b;c\\d'(e)*!.txt`)
    expect(header).toMatch(
      /^attachment; filename="a_b_c_d'\(e\)\*!\.txt"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/,
    )
  })
})

describe('the web form keeps no file name', () => {
  test('a cleaned file carries its bytes and real type only', async () => {
    const files = [
      { bytes: new Uint8Array(gpsJpeg()), filename: NAMED, type: 'image/jpeg' },
      { bytes: new Uint8Array(png()), filename: PATHED, type: 'application/octet-stream' },
    ]
    const limits = { maxBytes: DEFAULT_MAX_BYTES }
    const r = await sanitizeFiles(files, 5, sanitizeEvidence, limits, webWords('th'), 'th')
    if (!r.ok) throw new Error(r.errors.join())
    expect(r.files.map((f) => [f.mime, f.extension])).toEqual([
      ['image/jpeg', 'jpg'],
      ['image/png', 'png'],
    ])
    for (const f of r.files) {
      // Nothing but the bytes and their type (and, where the cleaner counts it, how much it
      // inflated, for the request's cap in files.ts): no name field of any kind.
      const keys = Object.keys(f).filter((k) => k !== 'inflatedBytes')
      expect(keys.sort()).toEqual(['bytes', 'extension', 'kind', 'mime', 'ok'])
      const { bytes: _bytes, ...rest } = f
      for (const trace of TRACES) expect(JSON.stringify(rest)).not.toContain(trace)
    }
  })
})

describe.each(DB_KINDS)('officers see หลักฐาน-n, never the file name (%s)', (kind) => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp(kind)
  })
  afterEach(() => t.close())

  test('web evidence, and a name stored before this change, are shown and downloaded by number', async () => {
    const web = new WebClient(t)
    await web.get('/report')
    const res = await web.post('/report', { ...REPORT }, [
      { name: NAMED, bytes: gpsJpeg(), type: 'image/jpeg' },
      { name: PATHED, bytes: png(), type: 'image/png' },
    ])
    expect(res.status).toBe(200)
    await enterFilings(t.deps.db, t.deps.keyring, { ackDays: 7, feedbackDays: 90, random: systemRandom })
    const row = await t.deps.db.selectFrom('complaint_cases').select(['id']).executeTakeFirstOrThrow()
    const stored = await t.deps.db.selectFrom('complaint_evidence').select(['name']).execute()
    expect(stored.map((e) => e.name)).toEqual([null, null])
    // Evidence stored before names were dropped still has one, sealed: it is never read.
    await insertEvidence(t.deps.db, {
      id: crypto.randomUUID(),
      org_id: 'default',
      case_id: row.id,
      draft_key: null,
      source_message: null,
      kind: 'file',
      mime: 'application/pdf',
      size_bytes: 4,
      name: await t.deps.keyring.seal(utf8('บันทึก_นายสมชาย.pdf')),
      content: await t.deps.keyring.seal(utf8('%PDF')),
      key_id: t.deps.keyring.keyId,
      added_on: '2999-01-01', // after the others: the third
      draft_expires_at: null,
    })

    await seedAccount(t, 'default', 'officer-a@agency.go.th', 'complaint_officer', PASSWORD_A)
    const officer = new Client(t, '192.0.2.21')
    expect((await officer.login('officer-a@agency.go.th', PASSWORD_A)).status).toBe(303)
    const page = await (await officer.get(`/admin/complaints/${row.id}`)).text()
    for (const trace of TRACES) expect(page).not.toContain(trace)
    const shown = [...page.matchAll(/evidence\/([0-9a-f-]{36})" class="evidence">[^<]*?(หลักฐาน-\d+\.\w+)/g)]
    // Numbered in the order shown; files of one day are in no order that could date them.
    const names = shown.map((m) => m[2] ?? '')
    expect(names.map((n) => n.replace(/^หลักฐาน-(\d+)\..*$/, '$1'))).toEqual(['1', '2', '3'])
    expect(names.map((n) => n.split('.')[1]).sort()).toEqual(['jpg', 'pdf', 'png'])
    expect(names[2]).toBe('หลักฐาน-3.pdf')

    for (const [, id, name] of shown) {
      const file = await officer.get(`/admin/complaints/${row.id}/evidence/${id}`)
      expect(file.status).toBe(200)
      const disposition = file.headers.get('content-disposition') ?? ''
      expect(disposition).toBe(attachmentHeader(name ?? ''))
      expect(disposition).toContain(`filename="${(name ?? '').replace('หลักฐาน', 'evidence')}"`)
      for (const trace of TRACES) expect(disposition).not.toContain(trace)
    }
  })
})
