import { PDFDocument } from '@cantoo/pdf-lib'
import { decode as decodePng } from 'fast-png'
import { strFromU8, unzipSync } from 'fflate'
import jpeg from 'jpeg-js'
import { describe, expect, test } from 'vitest'
import {
  DEFAULT_MAX_BYTES,
  evidenceLimitsFromEnv,
  sanitizeEvidence,
} from '../../../src/complaints/evidence/index.js'
import { applyOrientation } from '../../../src/complaints/evidence/orient.js'
import { metadataDocx, metadataPdf, metadataXlsx } from './fixtures/documents.js'
import { metadataPng, pattern, phoneJpeg, plainJpeg } from './fixtures/images.js'
import { accepted, mp4TopLevel } from './fixtures/inspect.js'
import { metadataMp4, VIDEO_SAMPLES } from './fixtures/media.js'
import { ascii, contains, S } from './fixtures/sentinels.js'
import { cleansWebp, phoneWebp } from './fixtures/webp.js'

const limits = { maxBytes: DEFAULT_MAX_BYTES }

/** RGB of pixel (x, y) in an RGBA buffer. */
const rgb = (img: { width: number; data: Uint8Array }, x: number, y: number) => {
  const i = (y * img.width + x) * 4
  return [img.data[i] ?? -1, img.data[i + 1] ?? -1, img.data[i + 2] ?? -1]
}
const near = (got: number[], want: number[]) => got.every((v, i) => Math.abs(v - (want[i] ?? 0)) < 48)
const RED = [255, 0, 0]
const BLUE = [0, 0, 255]
const GREEN = [0, 255, 0]

describe('a WebP photo becomes a JPEG (or a PNG when it has transparency) where WebP is cleaned', () => {
  test('a WebP comes out as a JPEG with the same picture; elsewhere the JPEG/PNG request', async () => {
    const r = await sanitizeEvidence(await phoneWebp(), { contentType: 'image/webp' }, limits)
    if (!cleansWebp()) {
      expect(r).toMatchObject({ ok: false, reason: 'unsupported' })
      return
    }
    const img = jpeg.decode(accepted(r).bytes, { useTArray: true })
    expect(accepted(r)).toMatchObject({ kind: 'image', mime: 'image/jpeg', extension: 'jpg' })
    expect([img.width, img.height]).toEqual([64, 32])
    expect(near(rgb(img, 10, 16), RED)).toBe(true)
    expect(near(rgb(img, 50, 16), BLUE)).toBe(true)
  })

  test('a WebP with transparency comes out as a PNG that keeps it', async () => {
    const r = await sanitizeEvidence(await phoneWebp({ alpha: true }), {}, limits)
    if (!cleansWebp()) return expect(r.ok).toBe(false)
    expect(accepted(r)).toMatchObject({ mime: 'image/png', extension: 'png' })
    const img = decodePng(accepted(r).bytes)
    expect([img.width, img.height, img.channels]).toEqual([64, 32, 4])
    expect(img.data[3]).toBe(0) // the clear left edge
    expect(img.data[(16 * 64 + 40) * 4 + 3]).toBe(255)
  })
})

describe('photos are re-encoded and keep their picture', () => {
  test('a JPEG with orientation 6 comes out upright: 64×32 becomes 32×64, left half on top', async () => {
    const r = accepted(
      await sanitizeEvidence(phoneJpeg({ orientation: 6 }), { contentType: 'image/jpeg' }, limits),
    )
    expect(r).toMatchObject({ kind: 'image', mime: 'image/jpeg', extension: 'jpg' })
    const img = jpeg.decode(r.bytes, { useTArray: true })
    expect([img.width, img.height]).toEqual([32, 64])
    // The original left (red) half is now on top, the right (blue) below, and the green top
    // rows are now the right-hand columns: rotated clockwise, not mirrored.
    expect(near(rgb(img, 8, 20), RED)).toBe(true)
    expect(near(rgb(img, 8, 50), BLUE)).toBe(true)
    expect(near(rgb(img, 29, 40), GREEN)).toBe(true)
    expect(near(rgb(img, 2, 40), GREEN)).toBe(false)
  })

  test('a JPEG with orientation 1 keeps its size and layout', async () => {
    const r = accepted(await sanitizeEvidence(phoneJpeg({ orientation: 1 }), {}, limits))
    const img = jpeg.decode(r.bytes, { useTArray: true })
    expect([img.width, img.height]).toEqual([64, 32])
    expect(near(rgb(img, 10, 20), RED)).toBe(true)
    expect(near(rgb(img, 50, 20), BLUE)).toBe(true)
    expect(near(rgb(img, 30, 2), GREEN)).toBe(true)
  })

  test('a plain JPEG without any metadata is accepted too', async () => {
    const r = accepted(await sanitizeEvidence(plainJpeg(), {}, limits))
    expect(jpeg.decode(r.bytes, { useTArray: true }).width).toBe(64)
  })

  test('a PNG keeps exactly the same pixels', async () => {
    const r = accepted(await sanitizeEvidence(metadataPng(), { fileName: 'x.png' }, limits))
    expect(r).toMatchObject({ kind: 'image', mime: 'image/png', extension: 'png' })
    const png = decodePng(r.bytes)
    expect([png.width, png.height, png.channels]).toEqual([20, 10, 4])
    expect(Array.from(png.data)).toEqual(Array.from(pattern(20, 10)))
  })

  test('a PNG whose eXIf says orientation 6 is turned upright', async () => {
    const r = accepted(await sanitizeEvidence(metadataPng({ orientation: 6 }), {}, limits))
    const png = decodePng(r.bytes)
    expect([png.width, png.height]).toEqual([10, 20])
    const img = { width: png.width, data: Uint8Array.from(png.data) }
    expect(rgb(img, 0, 0)).toEqual(RED)
    expect(rgb(img, 0, 19)).toEqual(BLUE)
    expect(rgb(img, 9, 15)).toEqual(GREEN)
  })
})

describe('EXIF orientation, all eight, against naive reference transforms', () => {
  // A 3×2 image whose pixel values are their own indices.
  type Grid = number[][]
  const src: Grid = [
    [0, 1, 2],
    [3, 4, 5],
  ]
  const flipH = (g: Grid): Grid => g.map((row) => [...row].reverse())
  const flipV = (g: Grid): Grid => [...g].reverse()
  const rotCW = (g: Grid): Grid => (g[0] ?? []).map((_, x) => g.map((row) => row[x] ?? -1).reverse())
  const rotCCW = (g: Grid): Grid => rotCW(rotCW(rotCW(g)))
  // The EXIF specification's wording: what to do to the stored image to display it.
  const expected: Record<number, Grid> = {
    1: src,
    2: flipH(src),
    3: rotCW(rotCW(src)),
    4: flipV(src),
    5: rotCCW(flipH(src)),
    6: rotCW(src),
    7: rotCW(flipH(src)),
    8: rotCCW(src),
  }
  for (const [o, want] of Object.entries(expected)) {
    test(`orientation ${o}`, () => {
      const out = applyOrientation(
        { width: 3, height: 2, data: Uint8Array.from(src.flat()) },
        Number(o),
        1,
        (n) => new Uint8Array(n),
      )
      const grid = Array.from({ length: out.height }, (_, y) =>
        Array.from(out.data.subarray(y * out.width, (y + 1) * out.width)),
      )
      expect(grid).toEqual(want)
    })
  }

  test('whole RGBA pixels move together (the 32-bit path)', () => {
    const data = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => i)
    const out = applyOrientation({ width: 3, height: 2, data }, 6, 4, (n) => new Uint8Array(n))
    // Rotated clockwise, the first output pixel is the bottom-left source pixel (index 3).
    expect(Array.from(out.data.subarray(0, 4))).toEqual([12, 13, 14, 15])
    expect([out.width, out.height]).toEqual([2, 3])
  })
})

describe('documents are rewritten and still open', () => {
  test('a PDF keeps its two pages and opens with pdf-lib', async () => {
    const r = accepted(
      await sanitizeEvidence(await metadataPdf(), { contentType: 'application/pdf' }, limits),
    )
    expect(r).toMatchObject({ kind: 'file', mime: 'application/pdf', extension: 'pdf' })
    const doc = await PDFDocument.load(r.bytes, { updateMetadata: false })
    expect(doc.getPageCount()).toBe(2)
    expect(doc.getPage(1).getSize()).toEqual({ width: 300, height: 200 })
  })

  test('a docx still unzips, with its text and the same parts', async () => {
    const input = metadataDocx()
    const r = accepted(await sanitizeEvidence(input, { fileName: 'หลักฐาน.docx' }, limits))
    expect(r).toMatchObject({
      kind: 'file',
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      extension: 'docx',
    })
    const files = unzipSync(r.bytes)
    expect(Object.keys(files).sort()).toEqual(Object.keys(unzipSync(input)).sort())
    expect(strFromU8(files['word/document.xml'] ?? new Uint8Array())).toContain('หลักฐานการจัดซื้อ')
    expect(strFromU8(files['docProps/core.xml'] ?? new Uint8Array())).toContain('<cp:coreProperties')
    // The photo inside still decodes, at its size.
    const photo = jpeg.decode(files['word/media/image1.jpeg'] ?? new Uint8Array(), { useTArray: true })
    expect([photo.width, photo.height]).toEqual([64, 32])
  })

  test('an xlsx is recognised as a spreadsheet', async () => {
    const r = accepted(await sanitizeEvidence(metadataXlsx(), {}, limits))
    expect(r.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(r.extension).toBe('xlsx')
    expect(Object.keys(unzipSync(r.bytes))).toContain('xl/workbook.xml')
  })

  test('text that happens to start like a bitmap ("BM…") is still text', async () => {
    const r = accepted(await sanitizeEvidence(ascii('BMA รายงานการประชุม'), {}, limits))
    expect(r.extension).toBe('txt')
  })

  test('plain UTF-8 text passes unchanged', async () => {
    const text = ascii('ผู้อำนวยการรับเงินจากผู้รับจ้าง\nวันที่ 3 มกราคม 2569\r\n\tจำนวน 50,000 บาท')
    const r = accepted(await sanitizeEvidence(text, { fileName: 'note.txt' }, limits))
    expect(r).toMatchObject({ kind: 'file', mime: 'text/plain; charset=utf-8', extension: 'txt' })
    expect(r.bytes).toEqual(text)
  })
})

describe('video and audio keep their media', () => {
  test('an MP4 stays a valid box tree of the same layout, with its samples in place', async () => {
    const input = metadataMp4()
    const r = accepted(await sanitizeEvidence(input, { contentType: 'video/mp4' }, limits))
    expect(r).toMatchObject({ kind: 'video', mime: 'video/mp4', extension: 'mp4' })
    const boxes = mp4TopLevel(r.bytes)
    expect(boxes.map((b) => b.type)).toEqual(['ftyp', 'moov', 'free', 'mdat'])
    expect(boxes.at(-1)?.end).toBe(r.bytes.length) // the vendor trailer is cut off, nothing else
    // Same offsets: the video samples are exactly where the (unchanged) stco says.
    const mdat = boxes[3]
    expect(mdat && contains(r.bytes.subarray(mdat.start, mdat.end), VIDEO_SAMPLES)).toBe(true)
    expect(r.bytes.length).toBe(input.length - `SEFH${S.trailer}SEFT`.length)
  })

  test('an M4A recording is audio', async () => {
    const r = accepted(
      await sanitizeEvidence(metadataMp4({ audioOnly: true }), { contentType: 'audio/x-m4a' }, limits),
    )
    expect(r).toMatchObject({ kind: 'audio', mime: 'audio/mp4', extension: 'm4a' })
  })

  test('a QuickTime MOV from an iPhone is a video/quicktime', async () => {
    const r = accepted(await sanitizeEvidence(metadataMp4({ brand: 'qt  ' }), {}, limits))
    expect(r).toMatchObject({ kind: 'video', mime: 'video/quicktime', extension: 'mov' })
  })

  test('a video without a metadata track is accepted as it is, minus its tags', async () => {
    const r = accepted(await sanitizeEvidence(metadataMp4({ gpsTrack: false }), {}, limits))
    expect(r.kind).toBe('video')
  })
})

test('limits come from EVIDENCE_MAX_BYTES, 10 MB by default', () => {
  expect(evidenceLimitsFromEnv({}).maxBytes).toBe(10 * 1024 * 1024)
  expect(evidenceLimitsFromEnv({ EVIDENCE_MAX_BYTES: 2_000_000 }).maxBytes).toBe(2_000_000)
})
