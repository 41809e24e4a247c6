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

export interface PngHeader {
  width: number
  height: number
  depth: number
  colorType: number
  interlaced: boolean
}

/** Bit depths each colour type allows (PNG 11.2.2), and its samples per pixel. */
const COLOUR_TYPES: Record<number, { depths: number[]; channels: number }> = {
  0: { depths: [1, 2, 4, 8, 16], channels: 1 },
  2: { depths: [8, 16], channels: 3 },
  3: { depths: [1, 2, 4, 8], channels: 1 },
  4: { depths: [8, 16], channels: 2 },
  6: { depths: [8, 16], channels: 4 },
}

export function pngHeader(chunks: PngChunk[]): PngHeader | null {
  const ihdr = chunks[0]
  if (ihdr?.type !== 'IHDR' || ihdr.data.length < 13) return null
  const d = ihdr.data
  const dv = new DataView(d.buffer, d.byteOffset, 13)
  const depth = d[8] ?? 0
  const colorType = d[9] ?? 0
  if (!COLOUR_TYPES[colorType]?.depths.includes(depth) || (d[12] ?? 0) > 1) return null
  return { width: dv.getUint32(0), height: dv.getUint32(4), depth, colorType, interlaced: d[12] === 1 }
}

/** Adam7's seven passes: first column and row, then column and row steps. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const

/**
 * The exact size of the inflated IDAT stream the header promises: each row is a filter byte
 * and its packed samples, pass by pass when interlaced. Nothing more may come out of it.
 */
export function pngRawSize(h: PngHeader): number {
  const bits = (COLOUR_TYPES[h.colorType]?.channels ?? 4) * h.depth
  const rows = (w: number, n: number) => (w > 0 && n > 0 ? n * (1 + Math.ceil((w * bits) / 8)) : 0)
  if (!h.interlaced) return rows(h.width, h.height)
  let total = 0
  for (const [x0, y0, dx, dy] of ADAM7) {
    total += rows(Math.ceil((h.width - x0) / dx), Math.ceil((h.height - y0) / dy))
  }
  return total
}

/**
 * What a picture needs to look right: the critical chunks, transparency, and colour-space
 * chunks that are a few fixed numbers (no names, no text). Everything else goes.
 */
const KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT'])

/** Lossless strip for pictures inside documents; the evidence PNG itself is re-encoded. */
export function stripPngLossless(b: Uint8Array): Uint8Array | null {
  return pngChunks(b)?.[0]?.type === 'IHDR' ? keepPngChunks(b, KEEP) : null
}

/** The PNG with only the chunks named in `keep`, in their order; null when it does not parse. */
export function keepPngChunks(b: Uint8Array, keep: ReadonlySet<string>): Uint8Array | null {
  const chunks = pngChunks(b)
  if (!chunks) return null
  const kept = chunks.filter((c) => keep.has(c.type))
  const out = new Uint8Array(8 + kept.reduce((n, c) => n + c.end - c.start, 0))
  out.set(b.subarray(0, 8))
  let o = 8
  for (const c of kept) {
    out.set(b.subarray(c.start, c.end), o)
    o += c.end - c.start
  }
  return out
}
