// The real type of the bytes, from their first bytes only: the declared content type and the
// file name are the sender's word, and a renamed file must not pick its own sanitizer.

export type Detected =
  | 'jpeg'
  | 'png'
  /** Cleaned where the photo codec can (sharp on Node), refused as `other-image` elsewhere. */
  | 'webp'
  | 'pdf'
  | 'zip'
  | 'isobmff'
  | 'text'
  /** An image format we cannot strip reliably (HEIC, GIF, TIFF, BMP…): ask for JPEG/PNG. */
  | 'other-image'
  /** .doc/.xls/.ppt (OLE compound file): ask for docx/xlsx/pptx or PDF. */
  | 'legacy-office'
  | 'unknown'

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v)

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0))

/** ISO-BMFF brands that are still images (HEIF/AVIF, camera raw), not video or audio. */
const IMAGE_BRANDS = new Set([
  'heic',
  'heix',
  'hevc',
  'hevx',
  'heim',
  'heis',
  'hevm',
  'hevs',
  'mif1',
  'msf1',
  'avif',
  'avis',
  'crx ',
])

export function ftypBrands(b: Uint8Array): string[] {
  if (!startsWith(b, ascii('ftyp'), 4) || b.length < 16) return []
  const size = Math.min(b.length, new DataView(b.buffer, b.byteOffset, 4).getUint32(0))
  const brands: string[] = []
  for (let o = 8; o + 4 <= size; o += 4) {
    if (o === 12) continue // minor version, not a brand
    brands.push(String.fromCharCode(...b.subarray(o, o + 4)))
  }
  return brands
}

export function detect(b: Uint8Array): Detected {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return 'webp'
  // Strictly at offset 0: readers tolerate junk before the header, which is how polyglots hide.
  if (startsWith(b, ascii('%PDF-'))) return 'pdf'
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return 'zip'
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'legacy-office'
  const brands = ftypBrands(b)
  if (brands.length > 0) return brands.some((x) => IMAGE_BRANDS.has(x)) ? 'other-image' : 'isobmff'
  if (
    startsWith(b, ascii('GIF8')) ||
    startsWith(b, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]) ||
    // BMP: "BM" then reserved zero bytes, so a text file that starts with "BM…" stays text.
    (startsWith(b, ascii('BM')) && startsWith(b, [0, 0, 0, 0], 6)) ||
    startsWith(b, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20]) // JPEG 2000
  ) {
    return 'other-image'
  }
  return isPlainText(b) ? 'text' : 'unknown'
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** UTF-8 without NUL or other C0 controls besides tab, newlines and form feed. */
export function isPlainText(b: Uint8Array): boolean {
  for (const c of b) {
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) return false
    if (c === 0x7f) return false
  }
  try {
    utf8.decode(b)
    return true
  } catch {
    return false
  }
}
