import {
  decodePDFRawStream,
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFName,
  PDFObjectStreamParser,
  PDFRawStream,
  PDFXRefStreamParser,
} from '@cantoo/pdf-lib'
import { inflateBounded } from '../../core/inflate-bounded.js'
import type { InflateBudget } from './budget.js'
import { pdfStreamTooLarge } from './messages.js'
import { EvidenceRefused, type Refusal } from './types.js'

// PDF streams are compressed, and nothing in the file bounds what they inflate to. pdf-lib
// inflates object streams and cross-reference streams while loading, with no ceiling, and
// turns their text into objects; every other stream (page contents, pictures, fonts) it keeps
// compressed, but an officer's reader will inflate them. So:
// - while loading, each object or cross-reference stream is measured with a ceiling before
//   pdf-lib decodes it (its parsers are wrapped once, here), and so is their sum per document;
// - after loading, every other stream is measured (counted, not kept) against a per-stream
//   ceiling and what is left of the file's allowance.

const MB = 1024 * 1024
/** Real object streams hold a few hundred objects: well under 1 MB each, a few MB per file. */
export const MAX_OBJECT_STREAM_BYTES = 4 * MB
export const MAX_OBJECT_STREAMS_BYTES = 16 * MB
/** One stream of any other kind: a 16 MP RGB picture is 46 MB raw. */
export const MAX_STREAM_BYTES = 48 * MB

const N = (s: string) => PDFName.of(s)
const STEP = 64 * 1024
const FLATE = N('FlateDecode')
/** Filters whose decoders in pdf-lib work block by block, a bounded amount each. */
const BLOCKWISE = new Set([N('ASCIIHexDecode'), N('ASCII85Decode'), N('LZWDecode'), N('RunLengthDecode')])

/** What loading a document inflated, and the refusal it met, if any (pdf-lib swallows throws). */
const loads = new WeakMap<PDFContext, { inflated: number; refusal?: Refusal }>()

/** The size `stream` decodes to, or null when it passes `limit` (measured with that ceiling). */
export function decodedSize(stream: PDFRawStream, limit: number): number | null {
  const filter = stream.dict.lookup(N('Filter'))
  const parms = stream.dict.lookup(N('DecodeParms'))
  const filters = filter instanceof PDFArray ? filter.asArray() : filter ? [filter] : []
  let bytes = stream.contents
  for (const [i, f] of filters.entries()) {
    const last = i === filters.length - 1
    if (f === FLATE) {
      const r = inflateBounded(bytes, limit, { format: 'zlib', keep: !last })
      if (!r.ok && r.reason === 'over_limit') return null
      // A damaged stream is measured up to the damage: readers stop there too.
      if (!r.ok || last) return r.size
      bytes = r.bytes
    } else if (f instanceof PDFName && BLOCKWISE.has(f)) {
      const p = parms instanceof PDFArray ? parms.lookup(i) : parms
      const one = stream.dict.context.obj({ Filter: f, ...(p instanceof PDFDict ? { DecodeParms: p } : {}) })
      const out = readBlockwise(PDFRawStream.of(one, bytes), limit, !last)
      if (out === null) return null
      if (last) return out.size
      bytes = out.bytes
    } else {
      // Pictures (DCT, JPX, JBIG2, CCITT) are decoded by the viewer into pixels, not bytes we hold.
      return bytes.length
    }
  }
  return bytes.length
}

/**
 * Reads a block-by-block decoder a little at a time (asking for `limit` at once would make it
 * allocate that much up front); null past `limit`.
 */
function readBlockwise(
  raw: PDFRawStream,
  limit: number,
  keep: boolean,
): { size: number; bytes: Uint8Array } | null {
  const stream = decodePDFRawStream(raw)
  const parts: Uint8Array[] = []
  let size = 0
  for (let chunk = stream.getBytes(STEP); chunk.length > 0; chunk = stream.getBytes(STEP)) {
    size += chunk.length
    if (size > limit) return null
    if (keep) parts.push(Uint8Array.from(chunk))
  }
  const bytes = new Uint8Array(keep ? size : 0)
  let o = 0
  for (const p of parts) {
    bytes.set(p, o)
    o += p.length
  }
  return { size, bytes }
}

/** Object and cross-reference streams: measured before pdf-lib decodes them, per document. */
function guarded(raw: PDFRawStream): void {
  const ctx = raw.dict.context
  const load = loads.get(ctx) ?? { inflated: 0 }
  loads.set(ctx, load)
  if (load.refusal) throw new EvidenceRefused(load.refusal)
  const limit = Math.min(MAX_OBJECT_STREAM_BYTES, MAX_OBJECT_STREAMS_BYTES - load.inflated)
  const size = decodedSize(raw, limit)
  if (size === null) {
    load.refusal =
      limit < MAX_OBJECT_STREAM_BYTES
        ? pdfStreamTooLarge(MAX_OBJECT_STREAMS_BYTES, 'all')
        : pdfStreamTooLarge(MAX_OBJECT_STREAM_BYTES)
    // pdf-lib catches this and keeps the stream as an unparsed object: the refusal is read after.
    throw new EvidenceRefused(load.refusal)
  }
  load.inflated += size
}

const objectStreams = PDFObjectStreamParser.forStream
PDFObjectStreamParser.forStream = (raw, tick) => {
  guarded(raw)
  return objectStreams(raw, tick)
}
const xrefStreams = PDFXRefStreamParser.forStream
PDFXRefStreamParser.forStream = (raw) => {
  guarded(raw)
  return xrefStreams(raw)
}

/** After loading: the load's refusal, else every stream measured against its ceilings. */
export function checkStreams(ctx: PDFContext, budget: InflateBudget): void {
  const load = loads.get(ctx)
  if (load?.refusal) throw new EvidenceRefused(load.refusal)
  budget.take(load?.inflated ?? 0)
  for (const [, obj] of ctx.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream)) continue
    const left = budget.left()
    const size = decodedSize(obj, Math.min(MAX_STREAM_BYTES, left))
    if (size === null) {
      if (left <= MAX_STREAM_BYTES) budget.refuse()
      throw new EvidenceRefused(pdfStreamTooLarge(MAX_STREAM_BYTES))
    }
    budget.take(size)
  }
}
