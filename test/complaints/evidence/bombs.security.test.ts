import { encode as encodePng } from 'fast-png'
import { Inflate, Unzlib } from 'fflate'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { sanitizeEvidence } from '../../../src/complaints/evidence/index.js'
import { MAX_OBJECT_STREAM_BYTES, MAX_STREAM_BYTES } from '../../../src/complaints/evidence/pdf-streams.js'
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_INFLATED_BYTES } from '../../../src/complaints/evidence/types.js'
import { inflaters, MAX_OVERSHOOT } from '../../../src/core/inflate-bounded.js'
import { MemoryLine } from '../../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../../helpers/app.js'
import { chatAs, textOf } from '../../helpers/chat.js'
import { DB_KINDS } from '../../helpers/db.js'
import { walkToEvidence } from '../line-intake.js'
import { countRows, REPORT, WebClient } from '../web/helpers.js'
import {
  docxWith,
  jpegDeclaring,
  mp4Claiming,
  mp4Nested,
  nestedDocx,
  pdfContentBomb,
  pdfDoubleFlateBomb,
  pdfHexFlateBomb,
  pdfObjectStreamBomb,
  pdfObjectStreams,
  pngChunkBomb,
  pngIdatBomb,
  zerosEntry,
  zipOf,
} from './fixtures/bombs.js'
import { pattern } from './fixtures/images.js'
import { accepted, pngChunkTypes, refused } from './fixtures/inspect.js'
import { sanitizeEvidence as cleanOnNode } from './fixtures/node-cleaner.js'

// Each decompression bomb of the hostile-input report, built in the test, is refused naming
// the limit it crossed (or, for metadata chunks we drop, accepted without ever inflating
// them). Every inflater the app starts is watched: none may produce more than its ceiling
// plus one input slice's worth, whatever the bomb would have grown into.

const MiB = 1024 * 1024
const limits = { maxBytes: DEFAULT_MAX_BYTES }

/** The most any one inflater produced since the test began. */
let most = 0
beforeEach(() => {
  most = 0
  type Make = (onData: (chunk: Uint8Array) => void) => { push(c: Uint8Array, f?: boolean): void }
  const watch =
    (make: Make): Make =>
    (onData) => {
      let produced = 0
      return make((chunk) => {
        produced += chunk.length
        most = Math.max(most, produced)
        onData(chunk)
      })
    }
  vi.spyOn(inflaters, 'zlib').mockImplementation(watch((cb) => new Unzlib(cb)))
  vi.spyOn(inflaters, 'raw').mockImplementation(watch((cb) => new Inflate(cb)))
})
afterEach(() => {
  vi.restoreAllMocks()
})

interface Bomb {
  name: string
  make: () => Uint8Array
  /** What the refusal says (Thai), naming the limit. */
  th: RegExp
  en: RegExp
  /** The ceiling no inflater may pass (plus one slice). */
  ceiling: number
}

const FILE_LIMIT_TH = /เมื่อขยายข้อมูลที่บีบอัดไว้แล้วมีขนาดเกินกำหนด 64 MB/
const FILE_LIMIT_EN = /Once unpacked, this file is over the 64 MB limit\./

const BOMBS: Bomb[] = [
  {
    name: 'a 1×1 PNG whose IDAT inflates to 256 MiB',
    make: () => pngIdatBomb(256),
    th: /ภาพขนาด 1×1 พิกเซลมีข้อมูลภาพได้ไม่เกิน 4 ไบต์/,
    en: /A 1×1 picture holds at most 4 bytes of pixel data/,
    ceiling: 4,
  },
  {
    name: 'a PDF whose object stream inflates to 256 MiB',
    make: () => pdfObjectStreamBomb(256),
    th: /ไฟล์ PDF มีข้อมูลบางส่วนที่เมื่อขยายแล้วเกินกำหนด 4 MB ต่อส่วน/,
    en: /Part of this PDF is over the 4 MB limit per part once unpacked/,
    ceiling: MAX_OBJECT_STREAM_BYTES,
  },
  {
    name: 'a PDF whose page content stream inflates to 256 MiB',
    make: () => pdfContentBomb(256),
    th: /เกินกำหนด 48 MB ต่อส่วน/,
    en: /over the 48 MB limit per part/,
    ceiling: MAX_STREAM_BYTES,
  },
  {
    name: 'a PDF content stream deflated twice, 256 MiB inside',
    make: pdfDoubleFlateBomb,
    th: /เกินกำหนด 48 MB ต่อส่วน/,
    en: /over the 48 MB limit per part/,
    ceiling: MAX_STREAM_BYTES,
  },
  {
    name: 'a PDF content bomb of 64 MiB written as hexadecimal',
    make: pdfHexFlateBomb,
    th: /เกินกำหนด 48 MB ต่อส่วน/,
    en: /over the 48 MB limit per part/,
    ceiling: MAX_STREAM_BYTES,
  },
  {
    name: 'a DOCX with a 95 MB part (refused from its declared size)',
    make: () => docxWith(zerosEntry('word/media/big.bin', 95)),
    th: FILE_LIMIT_TH,
    en: FILE_LIMIT_EN,
    ceiling: 0,
  },
  {
    name: 'a DOCX nested 8 levels, 95 MB a level',
    make: () => nestedDocx(8, 95),
    th: FILE_LIMIT_TH,
    en: FILE_LIMIT_EN,
    ceiling: 0,
  },
  {
    name: 'an MP4 whose media box claims 4 GiB',
    make: () => mp4Claiming(4 * 1024 * MiB),
    th: /ระบุว่ามีข้อมูล 4096\.0 MB เกินขนาดไฟล์จริง/,
    en: /claims 4096\.0 MB of data, more than the whole file/,
    ceiling: 0,
  },
  {
    name: 'a JPEG declaring 60000×60000',
    make: () => jpegDeclaring(60000, 60000),
    th: /3600\.0 ล้านพิกเซล เกินกำหนด 16 ล้านพิกเซล/,
    en: /3600\.0 megapixels, over the 16-megapixel limit/,
    ceiling: 0,
  },
]

/** Accepted without the chunk ever being inflated: it is metadata, dropped from the output. */
const CHUNK_BOMBS = (['iCCP', 'zTXt', 'iTXt'] as const).map((type) => ({
  type,
  make: () => pngChunkBomb(type, 256),
}))

describe('decompression bombs, cleaned', () => {
  for (const bomb of BOMBS) {
    test(`${bomb.name}: refused naming the limit, no inflater past its ceiling`, async () => {
      const input = bomb.make()
      expect(input.length).toBeLessThan(MiB)
      const r = refused(await sanitizeEvidence(input, {}, limits))
      expect(r.message.th).toMatch(bomb.th)
      expect(r.message.en).toMatch(bomb.en)
      expect(most).toBeLessThanOrEqual(bomb.ceiling + MAX_OVERSHOOT)
    })
  }

  for (const bomb of CHUNK_BOMBS) {
    test(`a PNG with a ${bomb.type} chunk inflating to 256 MiB: accepted, the chunk dropped uninflated`, async () => {
      const input = bomb.make()
      const r = accepted(await sanitizeEvidence(input, {}, limits))
      expect(pngChunkTypes(r.bytes)).not.toContain(bomb.type)
      // Only the 4-byte pixel row was inflated.
      expect(most).toBe(4)
    })
  }

  test('a DOCX part declaring 1 KB that inflates to 95 MiB: stopped at 1 KB, refused as damaged', async () => {
    const input = docxWith(zerosEntry('word/media/liar.bin', 95, 1024))
    const r = refused(await sanitizeEvidence(input, {}, limits))
    expect(r.reason).toBe('corrupt')
    expect(most).toBeLessThanOrEqual(1024 + MAX_OVERSHOOT)
  })

  test('nested packages share one allowance: 5 MiB a level under an 8 MiB allowance is refused at the second level', async () => {
    const r = refused(await sanitizeEvidence(nestedDocx(8, 5), {}, { ...limits, maxInflatedBytes: 8 * MiB }))
    expect(r.message.th).toContain('เกินกำหนด 8 MB')
    // The outer level's 5 MiB were inflated; the inner one was refused from its declared size.
    expect(most).toBeLessThanOrEqual(5 * MiB + MAX_OVERSHOOT)
    expect(most).toBeGreaterThanOrEqual(5 * MiB)
  })

  test('the per-file allowance follows EVIDENCE_MAX_INFLATED_BYTES and is named', async () => {
    const docx = docxWith(zerosEntry('word/media/big.bin', 3))
    const r = refused(await sanitizeEvidence(docx, {}, { ...limits, maxInflatedBytes: 2 * MiB }))
    expect(r.message.th).toContain('เกินกำหนด 2 MB')
    expect(most).toBe(0)
    expect(accepted(await sanitizeEvidence(docx, {}, limits)).inflatedBytes).toBeGreaterThan(3 * MiB)
    expect(DEFAULT_MAX_INFLATED_BYTES).toBe(64 * MiB)
  })

  test('object streams each under 4 MB but 18 MB together are refused naming the 16 MB limit', async () => {
    const r = refused(await sanitizeEvidence(pdfObjectStreams(6, 3), {}, limits))
    expect(r.message.th).toContain('รวมกันเกินกำหนด 16 MB')
    expect(r.message.en).toContain('over the 16 MB limit once unpacked')
    expect(most).toBeLessThanOrEqual(MAX_OBJECT_STREAM_BYTES + MAX_OVERSHOOT)
  })

  test('a DOCX of 5,001 parts is refused naming the 5,000-part limit, before any part is read', async () => {
    const parts = Array.from({ length: 5001 }, (_, i) => ({
      name: `word/p${i}.xml`,
      data: new Uint8Array(1),
    }))
    const r = refused(await sanitizeEvidence(zipOf(parts), {}, limits))
    expect(r.message.th).toContain('เกินกำหนด 5,000 ส่วน')
    expect(r.message.en).toContain('more than 5,000 parts')
  })

  test('MP4 boxes nested past 8 levels are refused naming the limit', async () => {
    const r = refused(await sanitizeEvidence(mp4Nested(20), {}, limits))
    expect(r.message.th).toContain('ซ้อนกันเกินกำหนด 8 ชั้น')
    expect(r.message.en).toContain('more than 8 levels deep')
  })

  test('a CMYK JPEG under the pixel limit but over the decoder memory is refused before decoding', async () => {
    const r = refused(await sanitizeEvidence(jpegDeclaring(3800, 3700, 4), {}, limits))
    expect(r.message.th).toMatch(/14\.1 ล้านพิกเซล เกินกำหนด 12 ล้านพิกเซล/)
  })
})

// The same bombs through Node's cleaner (worker threads, sharp for photos): the limits hold
// whichever codec decodes, because they are checked before any codec runs.
describe('decompression bombs, cleaned on Node', () => {
  test('each bomb is refused naming its limit; metadata-chunk bombs are accepted without them', async () => {
    for (const bomb of BOMBS) {
      const r = refused(await cleanOnNode(bomb.make(), {}, limits))
      expect(r.message.th, bomb.name).toMatch(bomb.th)
    }
    for (const bomb of CHUNK_BOMBS) {
      const r = accepted(await cleanOnNode(bomb.make(), {}, limits))
      expect(pngChunkTypes(r.bytes)).not.toContain(bomb.type)
    }
  })
})

const MAX_FILES_TH = /ได้รับแล้ว/

describe.each(DB_KINDS)('decompression bombs through /report and LINE (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const nothingStored = async () => {
    expect(await countRows(t, 'complaint_filings')).toBe(0)
    expect(await countRows(t, 'complaint_filing_files')).toBe(0)
    expect(await countRows(t, 'complaint_draft_files')).toBe(0)
    expect(await countRows(t, 'complaint_evidence')).toBe(0)
  }

  test('/report names each bomb with the limit it crossed; nothing is stored', async () => {
    const web = new WebClient(t)
    for (const batch of [BOMBS.slice(0, 4), BOMBS.slice(4)]) {
      await web.get('/report')
      const res = await web.post(
        '/report',
        { ...REPORT },
        batch.map((b, i) => ({ name: `bomb-${i}.bin`, bytes: b.make() })),
      )
      expect(res.status).toBe(422)
      const problems = [...web.page.matchAll(/class="msg error problem"[^>]*>([^<]+)</g)].map(
        (m) => m[1] ?? '',
      )
      expect(problems).toHaveLength(batch.length)
      for (const [i, b] of batch.entries()) expect(problems[i], b.name).toMatch(b.th)
    }
    await nothingStored()
  })

  test('LINE intake answers each bomb with the limit it crossed; nothing is kept', async () => {
    const chat = chatAs(t, line)
    await walkToEvidence(chat)
    for (const [i, b] of BOMBS.entries()) {
      const bytes = b.make()
      line.contents.set(`m-bomb-${i}`, { kind: 'ok', contentType: 'application/octet-stream', bytes })
      const reply = await chat.attach({
        type: 'file',
        id: `m-bomb-${i}`,
        fileName: 'x.bin',
        fileSize: bytes.length,
      })
      expect(textOf(reply), b.name).toMatch(/⚠️/)
      expect(textOf(reply), b.name).toMatch(b.th)
      expect(textOf(reply)).toMatch(MAX_FILES_TH)
    }
    await nothingStored()
  })

  test('the files of one report share twice the per-file allowance, and the refusal says so', async () => {
    await t.close()
    t = await createTestApp(kind, { line, env: { EVIDENCE_MAX_INFLATED_BYTES: String(MiB) } })
    const web = new WebClient(t)
    await web.get('/report')
    // 450×450 RGBA: 0.77 MiB of pixel rows each, under the 1 MiB a file; the third passes 2 MiB.
    const png = encodePng({ width: 450, height: 450, data: pattern(450, 450), channels: 4, depth: 8 })
    const files = [1, 2, 3].map((n) => ({ name: `photo-${n}.png`, bytes: png }))
    const res = await web.post('/report', { ...REPORT }, files)
    expect(res.status).toBe(422)
    const problems = [...web.page.matchAll(/class="msg error problem"[^>]*>([^<]+)</g)].map((m) => m[1] ?? '')
    expect(problems).toEqual([
      expect.stringMatching(/^ไฟล์ "photo-3.png": ไฟล์ที่แนบทั้งหมดเมื่อขยายข้อมูลที่บีบอัดไว้แล้วรวมกันเกินกำหนด 2 MB/),
    ])
    await nothingStored()
    // Two of them are one report's worth.
    await web.get('/report')
    expect((await web.post('/report', { ...REPORT }, files.slice(0, 2))).status).toBe(200)
  })
})
