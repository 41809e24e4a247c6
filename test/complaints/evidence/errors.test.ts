import { PDFDict, PDFDocument, PDFName, PDFString } from '@cantoo/pdf-lib'
import { strToU8, zipSync } from 'fflate'
import { describe, expect, test } from 'vitest'
import { DEFAULT_MAX_BYTES, type Refusal, sanitizeEvidence } from '../../../src/complaints/evidence/index.js'
import * as messages from '../../../src/complaints/evidence/messages.js'
import { metadataDocx, metadataPdf } from './fixtures/documents.js'
import { metadataPng, phoneJpeg, plainJpeg, pngChunk } from './fixtures/images.js'
import { accepted, refused } from './fixtures/inspect.js'
import { box, metadataMp4 } from './fixtures/media.js'
import { ascii, concat } from './fixtures/sentinels.js'
import { cleansWebp, webpDeclaring } from './fixtures/webp.js'

const limits = { maxBytes: DEFAULT_MAX_BYTES }
const MB = 1024 * 1024

describe('size', () => {
  test('a 30 MB video is refused as too large without being read, naming both sizes', async () => {
    const big = new Uint8Array(30 * MB)
    big.set(metadataMp4().subarray(0, 64)) // looks like an MP4 from the start
    const started = performance.now()
    const r = refused(await sanitizeEvidence(big, { contentType: 'video/mp4' }, limits))
    const elapsed = performance.now() - started
    expect(r.reason).toBe('too_large')
    expect(r.message.th).toBe('ไฟล์มีขนาด 30.0 MB เกินกำหนด 10 MB กรุณาส่งไฟล์ที่เล็กลง หรือแบ่งส่งเป็นหลายไฟล์')
    expect(r.message.en).toContain('The file is 30.0 MB, over the 10 MB limit.')
    expect(elapsed).toBeLessThan(20) // one comparison: no parsing, no copying
  })

  test('the limit is the caller’s: one byte over is refused, exactly at it is not', async () => {
    const jpg = plainJpeg()
    expect(refused(await sanitizeEvidence(jpg, {}, { maxBytes: jpg.length - 1 })).reason).toBe('too_large')
    expect((await sanitizeEvidence(jpg, {}, { maxBytes: jpg.length })).ok).toBe(true)
  })

  test('a photo with too many pixels is refused from its header, before decoding', async () => {
    // 8000×6000 (a 48 MP phone sensor) declared in the SOF of a tiny JPEG: height, then width.
    const jpg = plainJpeg()
    const sof = jpg.findIndex((v, i) => v === 0xff && jpg[i + 1] === 0xc0)
    jpg.set([6000 >> 8, 6000 & 255, 8000 >> 8, 8000 & 255], sof + 5)
    const started = performance.now()
    const r = refused(await sanitizeEvidence(jpg, {}, limits))
    expect(performance.now() - started).toBeLessThan(50)
    expect(r.reason).toBe('too_large')
    expect(r.message.th).toContain('48.0 ล้านพิกเซล')
    expect(r.message.en).toContain('48.0 megapixels, over the 16-megapixel limit')
  })

  test('the pixel limit applies to PNG too, and can be lowered (for a Worker)', async () => {
    const r = refused(await sanitizeEvidence(metadataPng(), {}, { maxBytes: MB, maxPixels: 100 }))
    expect(r.reason).toBe('too_large')
  })

  test('a zip that would unpack to more than 100 MB is refused before inflating', async () => {
    const docx = metadataDocx()
    // Claim 200 MB for the first entry in the central directory.
    const cd = docx.findIndex(
      (v, i) => v === 0x50 && docx[i + 1] === 0x4b && docx[i + 2] === 1 && docx[i + 3] === 2,
    )
    new DataView(docx.buffer, docx.byteOffset).setUint32(cd + 24, 200 * MB, true)
    const r = refused(await sanitizeEvidence(docx, {}, limits))
    expect(r.reason).toBe('too_large')
  })
})

describe('empty and corrupt', () => {
  test('empty input', async () => {
    const r = refused(await sanitizeEvidence(new Uint8Array(0), { contentType: 'image/jpeg' }, limits))
    expect(r.reason).toBe('empty')
  })

  const cases: [string, () => Promise<Uint8Array> | Uint8Array][] = [
    ['a JPEG cut in half', () => phoneJpeg().subarray(0, 1200)],
    ['a JPEG cut just before EOI', () => plainJpeg().subarray(0, plainJpeg().length - 2)],
    [
      'a JPEG whose scan is garbage',
      () => {
        const j = plainJpeg()
        const sos = j.findIndex((v, i) => v === 0xff && j[i + 1] === 0xda)
        j.fill(0xff, sos + 20, sos + 60)
        return j
      },
    ],
    ['a PNG cut in half', () => metadataPng().subarray(0, 300)],
    [
      'a PNG whose pixel data fails its checksum',
      () => {
        const p = metadataPng()
        const idat = p.findIndex(
          (v, i) => String.fromCharCode(v, p[i + 1] ?? 0, p[i + 2] ?? 0, p[i + 3] ?? 0) === 'IDAT',
        )
        p[idat + 10] = (p[idat + 10] ?? 0) ^ 0xff
        return p
      },
    ],
    [
      'a PNG without IEND',
      () => concat(metadataPng().subarray(0, 33), pngChunk('IDAT', new Uint8Array([1, 2, 3]))),
    ],
    ['"%PDF-" followed by garbage', () => ascii('%PDF-1.7\n this is not a document at all')],
    ['a zip cut short', () => metadataDocx().subarray(0, 500)],
    [
      'an MP4 cut inside mdat',
      async () => {
        const m = metadataMp4({ gpsTrack: false })
        return m.subarray(0, m.length - 40)
      },
    ],
    [
      'an MP4 without a movie box',
      () => concat(box('ftyp', ascii('isom'), new Uint8Array(4)), box('mdat', ascii('x'))),
    ],
  ]
  for (const [name, make] of cases) {
    test(name, async () => {
      const r = refused(await sanitizeEvidence(await make(), {}, limits))
      expect(r.reason).toBe('corrupt')
      expect(r.message.th).toContain('ไฟล์เสียหายหรือไม่สมบูรณ์')
    })
  }
})

describe('unsupported, whatever the sender declared', () => {
  const ELF = concat(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), new Uint8Array(120))
  const EXE = concat(ascii('MZ'), new Uint8Array([0x90, 0, 3, 0, 0, 0, 4, 0]), new Uint8Array(120))

  test('an ELF program renamed .pdf and declared application/pdf', async () => {
    const r = refused(
      await sanitizeEvidence(ELF, { contentType: 'application/pdf', fileName: 'evidence.pdf' }, limits),
    )
    expect(r.reason).toBe('unsupported')
    expect(r.message.en).toContain('JPEG or PNG')
  })

  test('a Windows .exe renamed .jpg', async () => {
    const r = refused(
      await sanitizeEvidence(EXE, { contentType: 'image/jpeg', fileName: 'photo.jpg' }, limits),
    )
    expect(r.reason).toBe('unsupported')
  })

  test('a PDF named photo.jpg and declared image/jpeg is a PDF', async () => {
    const r = accepted(
      await sanitizeEvidence(
        await metadataPdf(),
        { contentType: 'image/jpeg', fileName: 'photo.jpg' },
        limits,
      ),
    )
    expect(r).toMatchObject({ kind: 'file', mime: 'application/pdf', extension: 'pdf' })
  })

  test('a JPEG declared as a PDF is a JPEG', async () => {
    const r = accepted(
      await sanitizeEvidence(phoneJpeg(), { contentType: 'application/pdf', fileName: 'a.pdf' }, limits),
    )
    expect(r.mime).toBe('image/jpeg')
  })

  const images: [string, Uint8Array][] = [
    ['HEIC', box('ftyp', ascii('heic'), new Uint8Array(4), ascii('mif1heic'))],
    ['AVIF', box('ftyp', ascii('avif'), new Uint8Array(4), ascii('mif1avif'))],
    ['GIF', concat(ascii('GIF89a'), new Uint8Array(32))],
    ['TIFF', new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 0, 0])],
    ['BMP', concat(ascii('BM'), new Uint8Array([70, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0]))],
  ]
  for (const [name, bytes] of images) {
    test(`${name} is refused with a request for JPEG or PNG`, async () => {
      const r = refused(await sanitizeEvidence(bytes, { contentType: 'image/jpeg' }, limits))
      expect(r).toEqual(messages.UNSUPPORTED_IMAGE)
    })
  }

  test('an animated WebP is refused with the JPEG/PNG request: one frame would change the evidence', async () => {
    const r = refused(
      await sanitizeEvidence(webpDeclaring(64, 32, true), { contentType: 'image/webp' }, limits),
    )
    expect(r).toEqual(messages.UNSUPPORTED_IMAGE)
  })

  test('a WebP whose first chunk is cut short is corrupt where WebP is cleaned, refused elsewhere', async () => {
    const cut = concat(ascii('RIFF'), new Uint8Array([40, 0, 0, 0]), ascii('WEBPVP8 '), new Uint8Array(32))
    const r = refused(await sanitizeEvidence(cut, { contentType: 'image/webp' }, limits))
    expect(r).toEqual(cleansWebp() ? messages.CORRUPT : messages.UNSUPPORTED_IMAGE)
  })

  test('an old .doc (OLE) asks for docx or PDF', async () => {
    const doc = concat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), new Uint8Array(504))
    expect(refused(await sanitizeEvidence(doc, { fileName: 'a.doc' }, limits))).toEqual(
      messages.UNSUPPORTED_LEGACY_OFFICE,
    )
  })

  test('a zip that is not an Office document', async () => {
    const { zipSync } = await import('fflate')
    const z = zipSync({ 'readme.txt': ascii('hello') })
    expect(refused(await sanitizeEvidence(z, { fileName: 'a.docx' }, limits)).reason).toBe('unsupported')
  })

  test('an encrypted PDF cannot be cleaned and is refused', async () => {
    const doc = await PDFDocument.create()
    doc.addPage()
    doc.context.trailerInfo.Encrypt = doc.context.register(
      doc.context.obj({ Filter: 'Standard', V: 2, R: 3 }),
    )
    const r = refused(await sanitizeEvidence(await doc.save(), {}, limits))
    expect(r).toEqual(messages.UNSUPPORTED_ENCRYPTED_PDF)
  })

  test('a fragmented MP4 with a metadata track is refused (its samples are not chased)', async () => {
    const r = refused(await sanitizeEvidence(metadataMp4({ fragmented: true }), {}, limits))
    expect(r).toEqual(messages.UNSUPPORTED_MEDIA)
  })

  test('an MP4 holding only a metadata track is neither video nor audio', async () => {
    const r = refused(await sanitizeEvidence(metadataMp4({ metadataOnly: true }), {}, limits))
    expect(r).toEqual(messages.UNSUPPORTED_MEDIA)
  })

  test('UTF-16 or binary-looking text is not plain text', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x41, 0, 0x42, 0])
    expect(refused(await sanitizeEvidence(utf16, { fileName: 'a.txt' }, limits)).reason).toBe('unsupported')
    expect(refused(await sanitizeEvidence(new Uint8Array([0xc3, 0x28]), {}, limits)).reason).toBe(
      'unsupported',
    )
  })
})

describe('nothing left to open once cleaned', () => {
  /** A one-page PDF whose page (or page tree) is itself an action: cutting the action cuts the page. */
  async function pageIsAnAction(which: 'page' | 'tree', action: Record<string, string>): Promise<Uint8Array> {
    const doc = await PDFDocument.create()
    const page = doc.addPage([100, 100])
    const node = which === 'page' ? page.node : doc.catalog.lookup(PDFName.of('Pages'))
    if (!(node instanceof PDFDict)) throw new Error('no page tree')
    for (const [k, v] of Object.entries(action)) {
      node.set(PDFName.of(k), k === 'S' ? PDFName.of(v) : PDFString.of(v))
    }
    return doc.save()
  }

  test.each([
    [
      'the only page is a JavaScript action',
      () => pageIsAnAction('page', { S: 'JavaScript', JS: 'app.alert(1)' }),
    ],
    ['the page tree is a Launch action', () => pageIsAnAction('tree', { S: 'Launch', F: 'cmd.exe' })],
  ])('a PDF where %s is refused with a clear message, not an error', async (_, make) => {
    const input = await make()
    expect((await PDFDocument.load(input)).getPageCount()).toBe(1) // it opens as it came
    const r = refused(await sanitizeEvidence(input, {}, limits))
    expect(r).toEqual(messages.UNREADABLE_AFTER_CLEANING)
    expect(r.message.th).toContain('กรุณา')
    expect(r.message.en).toContain('print it to PDF')
  })

  test('a docx whose only package relationship is to custom XML is refused: Word would find no document', async () => {
    const O = 'http://schemas.openxmlformats.org'
    const docx = zipSync({
      '[Content_Types].xml': strToU8(
        `<?xml version="1.0"?><Types xmlns="${O}/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
      ),
      '_rels/.rels': strToU8(
        `<?xml version="1.0"?><Relationships xmlns="${O}/package/2006/relationships"><Relationship Id="rId1" Type="${O}/officeDocument/2006/relationships/customXml" Target="customXml/item1.xml"/></Relationships>`,
      ),
      'customXml/item1.xml': strToU8('<owner>Somchai Sentinel</owner>'),
      'word/document.xml': strToU8(
        `<w:document xmlns:w="${O}/wordprocessingml/2006/main"><w:body/></w:document>`,
      ),
    })
    expect(refused(await sanitizeEvidence(docx, {}, limits))).toEqual(messages.UNREADABLE_AFTER_CLEANING)
  })
})

describe('messages', () => {
  const all: Refusal[] = [
    messages.EMPTY,
    messages.CORRUPT,
    messages.UNSUPPORTED,
    messages.UNSUPPORTED_IMAGE,
    messages.UNSUPPORTED_ENCRYPTED_PDF,
    messages.UNSUPPORTED_LEGACY_OFFICE,
    messages.UNSUPPORTED_MACROS,
    messages.UNSUPPORTED_MEDIA,
    messages.tooLargeUnpacked(64 * MB, 'file'),
    messages.tooLargeUnpacked(128 * MB, 'request'),
    messages.tooManyParts(5000),
    messages.pictureDataTooLarge(1, 1, 4),
    messages.pictureDataTooLarge(2000, 1500, 9 * MB),
    messages.pdfStreamTooLarge(48 * MB),
    messages.pdfStreamTooLarge(16 * MB, 'all'),
    messages.mediaBoxTooLarge(4096 * MB, 0.1 * MB),
    messages.mediaTooDeep(8),
    messages.UNREADABLE_AFTER_CLEANING,
    messages.tooLarge(30 * MB, 10 * MB),
    messages.tooManyPixels(48e6, 16e6),
  ]
  test('are Thai first, English beside, in the official register', () => {
    for (const m of all) {
      expect(m.message.th).toMatch(/^[\u0E00-\u0E7F]/)
      expect(m.message.th).not.toMatch(/ครับ|ค่ะ|คะ|จ้ะ|นะ/)
      expect(m.message.en).toMatch(/^[A-Z]/)
      expect(m.message.en).toMatch(/\.$/)
    }
  })

  test('sizes read as a person expects: 10.5 MB limit, 0.1 MB file', () => {
    expect(messages.tooLarge(0.1 * MB, 10.5 * MB).message.en).toContain('0.1 MB, over the 10.5 MB limit')
  })
})
