import { inflateBounded } from './inflate-bounded.js'

// A zip read from its central directory, each entry inflated on request with a ceiling. The
// sizes a zip declares are the sender's word: an entry is refused before inflating when its
// declared size is over what is left, and stopped while inflating when it grows past what it
// declared (a lie costs at most the declared size, never the real one).

export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflated; anything else is refused when read. */
  method: number
  flags: number
  compressedSize: number
  /** The declared uncompressed size. */
  size: number
  /** Offset of the local file header. */
  offset: number
}

export type ZipListing =
  | { ok: true; entries: ZipEntry[] }
  | { ok: false; reason: 'corrupt' }
  | { ok: false; reason: 'too_many_entries'; limit: number }

export type ZipRead =
  | { ok: true; bytes: Uint8Array }
  /** Declared or real size over `limit`; `size` is what the entry declared. */
  | { ok: false; reason: 'too_large'; size: number }
  | { ok: false; reason: 'corrupt' }

const EOCD = 0x06054b50
const EOCD64_LOCATOR = 0x07064b50
const EOCD64 = 0x06064b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const MAX_COMMENT = 0xffff
const latin1 = new TextDecoder('latin1')
const utf8 = new TextDecoder('utf-8')

/** The central directory; refuses more than `maxEntries` entries before reading any of them. */
export function listZip(b: Uint8Array, maxEntries: number): ZipListing {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength)
  let e = b.length - 22
  const stop = Math.max(0, b.length - 22 - MAX_COMMENT)
  while (e >= stop && dv.getUint32(e, true) !== EOCD) e--
  if (e < stop) return { ok: false, reason: 'corrupt' }
  let count = dv.getUint16(e + 10, true)
  let dir = dv.getUint32(e + 16, true)
  if ((count === 0xffff || dir === 0xffffffff) && e >= 20 && dv.getUint32(e - 20, true) === EOCD64_LOCATOR) {
    const at = u64(dv, e - 12)
    if (at + 56 > b.length || dv.getUint32(at, true) !== EOCD64) return { ok: false, reason: 'corrupt' }
    count = u64(dv, at + 32)
    dir = u64(dv, at + 48)
  }
  if (count > maxEntries) return { ok: false, reason: 'too_many_entries', limit: maxEntries }
  const entries: ZipEntry[] = []
  let p = dir
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || dv.getUint32(p, true) !== CENTRAL) return { ok: false, reason: 'corrupt' }
    const flags = dv.getUint16(p + 8, true)
    const nameLen = dv.getUint16(p + 28, true)
    const extraLen = dv.getUint16(p + 30, true)
    const next = p + 46 + nameLen + extraLen + dv.getUint16(p + 32, true)
    if (next > b.length) return { ok: false, reason: 'corrupt' }
    const nameBytes = b.subarray(p + 46, p + 46 + nameLen)
    const entry: ZipEntry = {
      name: (flags & 0x800 ? utf8 : latin1).decode(nameBytes),
      method: dv.getUint16(p + 10, true),
      flags,
      compressedSize: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      offset: dv.getUint32(p + 42, true),
    }
    zip64(dv, p + 46 + nameLen, extraLen, entry)
    entries.push(entry)
    p = next
  }
  return { ok: true, entries }
}

/** The entry's bytes, inflating at most `limit` bytes (and never more than it declared). */
export function readZipEntry(b: Uint8Array, entry: ZipEntry, limit: number): ZipRead {
  if (entry.size > limit) return { ok: false, reason: 'too_large', size: entry.size }
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const o = entry.offset
  // Encrypted entries (flag bit 0) cannot be read; an Office file never has them.
  if (entry.flags & 1 || o + 30 > b.length || dv.getUint32(o, true) !== LOCAL)
    return { ok: false, reason: 'corrupt' }
  const start = o + 30 + dv.getUint16(o + 26, true) + dv.getUint16(o + 28, true)
  const data = b.subarray(start, start + entry.compressedSize)
  if (start + entry.compressedSize > b.length) return { ok: false, reason: 'corrupt' }
  if (entry.method === 0) {
    return data.length === entry.size ? { ok: true, bytes: data } : { ok: false, reason: 'corrupt' }
  }
  if (entry.method !== 8) return { ok: false, reason: 'corrupt' }
  const r = inflateBounded(data, entry.size, { format: 'raw', keep: true })
  // Past its declared size the entry lied about itself: that is damage, not a size to weigh.
  if (!r.ok || r.size !== entry.size) return { ok: false, reason: 'corrupt' }
  return { ok: true, bytes: r.bytes }
}

const u64 = (dv: DataView, at: number) => dv.getUint32(at + 4, true) * 2 ** 32 + dv.getUint32(at, true)

/** Sizes and offset of 0xFFFFFFFF are in the zip64 extra field (id 1), in this order. */
function zip64(dv: DataView, at: number, len: number, e: ZipEntry): void {
  for (let p = at; p + 4 <= at + len; ) {
    const id = dv.getUint16(p, true)
    const size = dv.getUint16(p + 2, true)
    if (id === 1) {
      let q = p + 4
      const take = () => {
        const v = q + 8 <= p + 4 + size ? u64(dv, q) : 0
        q += 8
        return v
      }
      if (e.size === 0xffffffff) e.size = take()
      if (e.compressedSize === 0xffffffff) e.compressedSize = take()
      if (e.offset === 0xffffffff) e.offset = take()
      return
    }
    p += 4 + size
  }
}
