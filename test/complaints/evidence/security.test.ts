import { PDFDict, PDFDocument, PDFName } from '@cantoo/pdf-lib'
import { strFromU8 } from 'fflate'
import { describe, expect, test } from 'vitest'
import { DEFAULT_MAX_BYTES, sanitizeEvidence } from '../../../src/complaints/evidence/index.js'
import { jpegOrientation, jpegSegments } from '../../../src/complaints/evidence/jpeg-segments.js'
import { metadataDocx, metadataPdf, metadataXlsx } from './fixtures/documents.js'
import { metadataPng, phoneJpeg } from './fixtures/images.js'
import {
  accepted,
  anyContains,
  countOccurrences,
  jpegMarkersBeforeScan,
  mp4TopLevel,
  pdfEverything,
  pngChunkTypes,
  refused,
  zipEverything,
} from './fixtures/inspect.js'
import { GPS_SAMPLE, metadataMp4, TIME, VIDEO_SAMPLES } from './fixtures/media.js'
import { ascii, contains, GPS, gpsBytes, S } from './fixtures/sentinels.js'
import { cleansWebp, phoneWebp, webpDeclaring } from './fixtures/webp.js'

// Each fixture is first shown to carry the identifying data (so the test cannot pass on a
// fixture that never had it), then the output is searched byte by byte for every trace.

const limits = { maxBytes: DEFAULT_MAX_BYTES }
const IMAGE_SENTINELS = [S.make, S.model, S.software, S.xmp, S.comment, S.icc, S.trailer, S.person]
const GPS_TRACES = [gpsBytes(GPS.lat), gpsBytes(GPS.lon)]
const XMP_TRACES = ['http://ns.adobe.com/xap/1.0/', 'xmpmeta', 'xpacket', 'Exif', 'ICC_PROFILE']

function expectNone(haystacks: Uint8Array[], needles: (string | Uint8Array)[]): void {
  for (const n of needles) expect(anyContains(haystacks, n), `found ${String(n)}`).toBe(false)
}
function expectAll(haystacks: Uint8Array[], needles: (string | Uint8Array)[]): void {
  for (const n of needles) expect(anyContains(haystacks, n), `fixture lacks ${String(n)}`).toBe(true)
}

describe('a phone JPEG loses everything but the picture', () => {
  test('no EXIF, GPS, XMP, ICC, comment, thumbnail or trailing data survives', async () => {
    const input = phoneJpeg({ orientation: 6 })
    expectAll([input], [...IMAGE_SENTINELS.filter((s) => s !== S.person), ...GPS_TRACES, ...XMP_TRACES])
    expect(countOccurrences(input, [0xff, 0xd8, 0xff])).toBe(2) // the photo and its EXIF thumbnail

    const out = accepted(await sanitizeEvidence(input, {}, limits)).bytes
    expectNone([out], [...IMAGE_SENTINELS, ...GPS_TRACES, ...XMP_TRACES])
    // Only what jpeg-js writes: JFIF APP0, tables, frame, scan. No APP1–APP15, no COM.
    const markers = jpegMarkersBeforeScan(out)
    expect(markers.filter((m) => (m >= 0xe1 && m <= 0xef) || m === 0xfe)).toEqual([])
    expect(countOccurrences(out, [0xff, 0xd8, 0xff])).toBe(1)
    expect(out.at(-2)).toBe(0xff)
    expect(out.at(-1)).toBe(0xd9) // ends at EOI
  })
})

describe('a WebP loses its EXIF and XMP, and its size is checked before it is decoded', () => {
  test('camera, owner and XMP creator are gone from the cleaned photo', async () => {
    const webp = await phoneWebp({
      exif: { Make: S.make, Model: S.model, Artist: S.person, Software: S.software },
      xmp: `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="${S.xmp}"/></rdf:RDF></x:xmpmeta>`,
    })
    for (const s of [S.make, S.model, S.person, S.software, S.xmp]) expect(contains(webp, s), s).toBe(true)
    const r = await sanitizeEvidence(webp, { contentType: 'image/webp' }, limits)
    if (!cleansWebp()) return expect(r.ok).toBe(false)
    const out = accepted(r).bytes
    for (const s of [S.make, S.model, S.person, S.software, S.xmp]) expect(contains(out, s), s).toBe(false)
    expect(contains(out, 'Exif')).toBe(false)
  })

  test('a WebP declaring 16383 × 16383 pixels is refused from its header, naming the limit', async () => {
    const r = await sanitizeEvidence(webpDeclaring(16383, 16383), { contentType: 'image/webp' }, limits)
    expect(r.ok).toBe(false)
    if (cleansWebp())
      expect(r).toMatchObject({
        reason: 'too_large',
        message: { th: expect.stringMatching(/268\.4 ล้านพิกเซล/) },
      })
  })
})

describe('a PNG keeps only the chunks that draw it', () => {
  test('tEXt, iTXt, zTXt, eXIf, tIME, iCCP, private chunks and trailing bytes are gone', async () => {
    const input = metadataPng({ orientation: 6 })
    expect(pngChunkTypes(input)).toEqual(
      expect.arrayContaining(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME', 'iCCP', 'prVt']),
    )
    expectAll([input], [S.person, S.xmp, S.make, S.trailer, ...GPS_TRACES])

    const out = accepted(await sanitizeEvidence(input, {}, limits)).bytes
    expect(pngChunkTypes(out).filter((t) => t !== 'IDAT')).toEqual(['IHDR', 'IEND'])
    expectNone([out], [...IMAGE_SENTINELS, ...GPS_TRACES, ...XMP_TRACES])
  })
})

describe('a PDF names no one', () => {
  test('Info, XMP, comment authors, open actions, orphaned revisions and photo EXIF are gone', async () => {
    const input = await metadataPdf()
    const sentinels = [S.person, S.software, S.company, S.editor, S.xmp, S.comment, S.userPath]
    expectAll(await pdfEverything(input), [...sentinels, ...GPS_TRACES, 'Exif', S.make])

    const out = accepted(await sanitizeEvidence(input, {}, limits)).bytes
    const everything = await pdfEverything(out)
    expectNone(everything, [...sentinels, ...GPS_TRACES, ...XMP_TRACES, S.make, S.model, S.icc, S.trailer])
    expectNone(
      [out],
      ['/Author', '/Creator', '/Producer', '/CreationDate', '/Metadata', '/OpenAction', '/JavaScript'],
    )

    const doc = await PDFDocument.load(out, { updateMetadata: false })
    expect(doc.context.trailerInfo.Info).toBeUndefined() // before getAuthor(), which creates one
    expect(doc.context.trailerInfo.ID).toBeUndefined()
    expect(doc.getAuthor()).toBeUndefined()
    expect(doc.catalog.get(PDFName.of('Metadata'))).toBeUndefined()
    // The pasted photo is still a JPEG, only without its metadata segments.
    const jpegs = everything.filter((b) => b[0] === 0xff && b[1] === 0xd8)
    expect(jpegs.length).toBeGreaterThan(0)
    for (const j of jpegs)
      expect(jpegSegments(j)?.some((s) => s.marker === 0xe1 || s.marker === 0xfe)).toBe(false)
  })
})

describe('a PDF saved the modern way (object and cross-reference streams) names no one', () => {
  test('Info referenced from an XRef stream, author as UTF-16 hex, is gone', async () => {
    const doc = await PDFDocument.create()
    doc.addPage()
    doc.setAuthor(S.person)
    doc.setKeywords([S.company])
    const input = await doc.save() // useObjectStreams: true by default
    expect(contains(input, 'trailer')).toBe(false) // no classic trailer: an XRef stream
    const out = accepted(await sanitizeEvidence(input, {}, limits)).bytes
    const reread = await PDFDocument.load(out, { updateMetadata: false })
    expect(reread.context.trailerInfo.Info).toBeUndefined()
    const keys = reread.context
      .enumerateIndirectObjects()
      .flatMap(([, o]) => (o instanceof PDFDict ? o.keys().map((k) => k.asString()) : []))
    expect(keys).not.toContain('/Author')
    expect(keys).not.toContain('/Keywords')
    expect(reread.getPageCount()).toBe(1)
  })
})

describe('Office files name no one', () => {
  test('docx: properties, comment and revision authors, people, template path, photo EXIF, nested workbook', async () => {
    const input = metadataDocx()
    const sentinels = [S.person, S.editor, S.company, S.software, S.userPath, 'somchai@example.go.th']
    expectAll(Object.values(zipEverything(input)), [...sentinels, ...GPS_TRACES, S.make])

    const out = accepted(await sanitizeEvidence(input, {}, limits)).bytes
    const parts = zipEverything(out)
    expect(Object.keys(parts)).toContain('word/embeddings/Microsoft_Excel_Worksheet.xlsx!docProps/core.xml')
    expectNone(Object.values(parts), [...sentinels, ...GPS_TRACES, S.make, S.model, S.xmp, S.icc, S.trailer])
    expectNone(Object.values(parts), [
      '2026-01-02T03:04:05Z',
      '<dc:creator>',
      '<cp:lastModifiedBy>',
      '<Company>',
    ])
    // The pasted photo keeps only its orientation, so Word still shows it the right way up.
    const photo = parts['word/media/image1.jpeg'] ?? new Uint8Array()
    const segs = jpegSegments(photo)
    expect(segs && jpegOrientation(photo, segs)).toBe(6)
    expect(segs?.filter((s) => s.marker === 0xe1).map((s) => s.end - s.start)).toEqual([36])
  })

  test('docx: zip entry times are reset, so the file does not date its author', async () => {
    const out = accepted(await sanitizeEvidence(metadataDocx(), {}, limits)).bytes
    // DOS date of every local header: 1980-01-01 is 0x0021.
    for (let p = 0; p + 30 <= out.length; p++) {
      if (out[p] === 0x50 && out[p + 1] === 0x4b && out[p + 2] === 3 && out[p + 3] === 4) {
        expect(((out[p + 13] ?? 0) << 8) | (out[p + 12] ?? 0)).toBe(0x0021)
      }
    }
  })

  test('xlsx: the folder it was saved in, comment authors and people are gone', async () => {
    const input = metadataXlsx()
    expectAll(Object.values(zipEverything(input)), [S.userPath, S.editor, S.person, 'somchai@example.go.th'])
    const out = accepted(await sanitizeEvidence(input, {}, limits)).bytes
    const parts = zipEverything(out)
    expectNone(Object.values(parts), [S.userPath, S.editor, S.person, S.company, 'somchai@example.go.th'])
    expect(strFromU8(parts['xl/workbook.xml'] ?? new Uint8Array())).toContain('<sheet name="Sheet1"')
  })

  test('a macro-enabled document is refused: officers open these files', async () => {
    const r = refused(await sanitizeEvidence(metadataDocx({ macros: true }), { fileName: 'a.docx' }, limits))
    expect(r.reason).toBe('unsupported')
    expect(r.message.en).toMatch(/macros/)
  })
})

describe('video and audio carry no place, device or time', () => {
  const sentinels = [S.location, S.make, S.model, S.software, S.person, S.xmp, S.trailer]

  test('udta, meta, XMP uuid, times, the GPS track and its samples, the trailer: all gone', async () => {
    const input = metadataMp4()
    expectAll([input], [...sentinels, GPS_SAMPLE, 'com.apple.quicktime.location.ISO6709'])
    const out = accepted(await sanitizeEvidence(input, {}, limits)).bytes
    expectNone(
      [out],
      [...sentinels, GPS_SAMPLE, 'com.apple.quicktime', 'udta', 'ilst', 'hdlr\0\0\0\0\0\0\0\0meta'],
    )
    expect(contains(out, VIDEO_SAMPLES)).toBe(true)
    // No creation or modification time is left in mvhd, tkhd or mdhd.
    const time = new Uint8Array([TIME >>> 24, (TIME >>> 16) & 255, (TIME >>> 8) & 255, TIME & 255])
    expect(contains(input, time)).toBe(true)
    expect(contains(out, time)).toBe(false)
    expect(mp4TopLevel(out).map((b) => b.type)).toEqual(['ftyp', 'moov', 'free', 'mdat'])
  })

  test('an M4A recording loses its tags too', async () => {
    const out = accepted(await sanitizeEvidence(metadataMp4({ audioOnly: true }), {}, limits)).bytes
    expectNone([out], sentinels)
  })
})

describe('content never chooses its own handling', () => {
  test('HTML sent as text is stored as text/plain, never as a page', async () => {
    const html = ascii('<html><script>alert(document.cookie)</script></html>')
    const r = accepted(await sanitizeEvidence(html, { contentType: 'text/html', fileName: 'x.html' }, limits))
    expect(r.mime).toBe('text/plain; charset=utf-8')
    expect(r.extension).toBe('txt')
  })

  test('the extension comes from the content, not from the name the sender gave', async () => {
    const r = accepted(await sanitizeEvidence(phoneJpeg(), { fileName: '../../etc/passwd.exe' }, limits))
    expect(r.extension).toBe('jpg')
  })
})
