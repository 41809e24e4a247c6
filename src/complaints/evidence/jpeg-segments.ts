import { orientationOnlyExif, tiffOrientation } from './tiff.js'

// A JPEG is a list of marker segments; metadata lives in APPn and COM segments, and phones
// append whole extra files (MPF depth maps, motion-photo videos) after EOI. Walking the
// segments is enough to read dimensions and orientation before decoding, and to strip a JPEG
// losslessly where re-encoding is not wanted (pictures inside PDF and Office files).

export interface JpegSegment {
  marker: number
  /** Offset of the 0xFF that starts the marker. */
  start: number
  /** Exclusive end, including the entropy-coded data that follows an SOS header. */
  end: number
}

const isRst = (m: number) => m >= 0xd0 && m <= 0xd7
/** SOF0–SOF15 minus DHT (C4), JPG (C8) and DAC (CC). */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc

/**
 * Segments between SOI and EOI; null when the structure is broken or EOI never comes.
 * `tolerant` accepts a missing EOI, as PDF writers often cut it from embedded pictures.
 */
export function jpegSegments(b: Uint8Array, tolerant = false): JpegSegment[] | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null
  const out: JpegSegment[] = []
  let p = 2
  while (p < b.length) {
    if (b[p] !== 0xff) return null
    const start = p
    while (b[p] === 0xff) p++ // fill bytes
    const marker = b[p]
    if (marker === undefined) return null
    p++
    if (marker === 0xd9) return out
    if (marker === 0x01 || isRst(marker)) {
      out.push({ marker, start, end: p })
      continue
    }
    if (p + 2 > b.length) return null
    const len = ((b[p] ?? 0) << 8) | (b[p + 1] ?? 0)
    if (len < 2 || p + len > b.length) return null
    p += len
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or an RSTn.
      while (p < b.length) {
        if (b[p] === 0xff) {
          const n = b[p + 1]
          if (n !== undefined && n !== 0x00 && !isRst(n) && n !== 0xff) break
        }
        p++
      }
    }
    out.push({ marker, start, end: p })
  }
  return tolerant ? out : null
}

export function jpegDimensions(
  b: Uint8Array,
  segs: JpegSegment[],
): { width: number; height: number; components: number } | null {
  const sof = segs.find((s) => isSof(s.marker))
  if (!sof || sof.end - sof.start < 10) return null
  const o = sof.start + 4
  return {
    height: ((b[o + 1] ?? 0) << 8) | (b[o + 2] ?? 0),
    width: ((b[o + 3] ?? 0) << 8) | (b[o + 4] ?? 0),
    components: b[o + 5] ?? 0,
  }
}

const EXIF_ID = [0x45, 0x78, 0x69, 0x66, 0, 0] // "Exif\0\0"

export function jpegOrientation(b: Uint8Array, segs: JpegSegment[]): number {
  for (const s of segs) {
    if (s.marker !== 0xe1) continue
    const payload = b.subarray(s.start + 4, s.end)
    if (EXIF_ID.every((v, i) => payload[i] === v)) return tiffOrientation(payload.subarray(6))
  }
  return 1
}

const isAdobe = (b: Uint8Array, s: JpegSegment) =>
  s.marker === 0xee && String.fromCharCode(...b.subarray(s.start + 4, s.start + 9)) === 'Adobe'

/** A JFIF header without thumbnail, so readers keep assuming YCbCr as they did before. */
const JFIF = new Uint8Array([0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])

/**
 * Drops every APPn (EXIF, XMP, ICC, MPF, maker notes, JFIF thumbnails) and COM segment and
 * anything after EOI, without touching the compressed pixels. Keeps Adobe APP14 (it says how to
 * read the colours) and, when the photo was rotated, an EXIF block holding Orientation alone,
 * because a picture inside a document is displayed by readers that honour it.
 */
export function stripJpegLossless(b: Uint8Array): Uint8Array | null {
  const segs = jpegSegments(b, true)
  if (!segs) return null
  const orientation = jpegOrientation(b, segs)
  const parts: Uint8Array[] = [b.subarray(0, 2), JFIF]
  if (orientation !== 1) {
    const exif = orientationOnlyExif(orientation)
    parts.push(new Uint8Array([0xff, 0xe1, 0, exif.length + 2]), exif)
  }
  for (const s of segs) {
    const meta = (s.marker >= 0xe0 && s.marker <= 0xef && !isAdobe(b, s)) || s.marker === 0xfe
    if (!meta) parts.push(b.subarray(s.start, s.end))
  }
  parts.push(new Uint8Array([0xff, 0xd9]))
  const out = new Uint8Array(parts.reduce((n, x) => n + x.length, 0))
  let o = 0
  for (const x of parts) {
    out.set(x, o)
    o += x.length
  }
  return out
}
