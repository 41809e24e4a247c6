// A PNG is a signature and a list of chunks (length, type, data, CRC). Critical chunks draw
// the picture; ancillary ones carry text (tEXt, iTXt, zTXt: author, software, anything),
// eXIf (the same EXIF as a JPEG, GPS included), tIME, iCCP and private chunks.

export interface PngChunk {
  type: string
  /** Offset of the length field. */
  start: number
  /** Exclusive end, after the CRC. */
  end: number
  data: Uint8Array
}

/** Chunks up to and including IEND; null when the structure is broken or IEND is missing. */
export function pngChunks(b: Uint8Array): PngChunk[] | null {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const out: PngChunk[] = []
  let p = 8
  while (p + 12 <= b.length) {
    const len = dv.getUint32(p)
    const end = p + 12 + len
    if (end > b.length) return null
    const type = String.fromCharCode(...b.subarray(p + 4, p + 8))
    if (!/^[A-Za-z]{4}$/.test(type)) return null
    out.push({ type, start: p, end, data: b.subarray(p + 8, p + 8 + len) })
    if (type === 'IEND') return out
    p = end
  }
  return null
}

export function pngDimensions(chunks: PngChunk[]): { width: number; height: number } | null {
  const ihdr = chunks[0]
  if (ihdr?.type !== 'IHDR' || ihdr.data.length < 13) return null
  const dv = new DataView(ihdr.data.buffer, ihdr.data.byteOffset, 8)
  return { width: dv.getUint32(0), height: dv.getUint32(4) }
}

/**
 * What a picture needs to look right: the critical chunks, transparency, and colour-space
 * chunks that are a few fixed numbers (no names, no text). Everything else goes.
 */
const KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT'])

/** Lossless strip for pictures inside documents; the evidence PNG itself is re-encoded. */
export function stripPngLossless(b: Uint8Array): Uint8Array | null {
  const chunks = pngChunks(b)
  if (chunks?.[0]?.type !== 'IHDR') return null
  const kept = chunks.filter((c) => KEEP.has(c.type))
  const out = new Uint8Array(8 + kept.reduce((n, c) => n + c.end - c.start, 0))
  out.set(b.subarray(0, 8))
  let o = 8
  for (const c of kept) {
    out.set(b.subarray(c.start, c.end), o)
    o += c.end - c.start
  }
  return out
}
