import { CORRUPT, mediaBoxTooLarge, mediaTooDeep, UNSUPPORTED_MEDIA } from './messages.js'
import { type Box, blank, child, children, overrun, readBox } from './mp4-boxes.js'
import { eachChunk } from './mp4-samples.js'
import { EvidenceRefused, type Sanitized } from './types.js'

// Video (MP4, MOV) and audio (M4A) from phones carry the place (©xyz, ISO 6709 location in
// udta/meta), the phone's make, model and software, and recording times. We rewrite the box
// tree in place: metadata boxes become zeroed "free" padding, creation and modification times
// become zero, and tracks that are neither picture nor sound (timed metadata such as GPS
// telemetry) lose their samples. Nothing moves, so the media itself plays exactly as before.

/** Top-level boxes a player needs; anything else (meta, uuid/XMP, udta, vendor boxes) is blanked. */
const TOP_KEEP = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'moof', 'mfra', 'sidx', 'styp'])
/** Inside the tree: user data, iTunes/QuickTime metadata, XMP and 3GPP location boxes. */
const DENY = new Set(['udta', 'meta', 'uuid', 'XMP_', 'loci', 'cprt', 'ilst', 'keys'])
const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf', 'mvex', 'moof', 'traf'])
/** Full boxes that start with creation and modification times. */
const TIMED = new Set(['mvhd', 'tkhd', 'mdhd'])
/** moov/trak/mdia/minf/stbl is five deep; a file nesting containers deeper is built to hurt. */
export const MAX_NESTING = 8

export function sanitizeMp4(input: Uint8Array): Sanitized {
  const b = input.slice()
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const top: Box[] = []
  let p = 0
  while (p < b.length) {
    const box = readBox(b, dv, p, b.length)
    if (!box) break
    top.push(box)
    p = box.end
  }
  const moov = top.find((x) => x.type === 'moov')
  // Bytes that are not a box after the movie (Samsung and other vendor trailers) are cut off;
  // before it, or inside a box that overruns the file, they mean the file is truncated.
  if (!moov || !top.some((x) => x.type === 'mdat')) {
    // A box that claims more than the file holds is named: a download cut short, or a lie.
    const claimed = overrun(b, dv, p, b.length)
    return claimed === null ? CORRUPT : mediaBoxTooLarge(claimed, b.length)
  }
  const tracks = (children(b, dv, moov) ?? []).filter((x) => x.type === 'trak')
  const fragmented = child(b, dv, moov, ['mvex']) !== undefined
  const kinds = new Set<string>()
  for (const trak of tracks) {
    const hdlr = child(b, dv, trak, ['mdia', 'hdlr'])
    const handler = hdlr ? String.fromCharCode(...b.subarray(hdlr.body + 8, hdlr.body + 12)) : ''
    const stbl = child(b, dv, trak, ['mdia', 'minf', 'stbl'])
    if (handler === 'vide' || handler === 'soun') {
      kinds.add(handler)
      // Samples past the end mean a download cut short (mdat of size 0 hides it otherwise).
      if (stbl && eachChunk(b, dv, stbl, p, () => {}) === 'outside') return CORRUPT
      continue
    }
    // A fragmented file keeps samples in moof/traf runs; we do not chase those for other tracks.
    const zero = (start: number, end: number) => b.fill(0, start, end)
    if (fragmented || !stbl || eachChunk(b, dv, stbl, p, zero) !== 'ok') return UNSUPPORTED_MEDIA
    blank(b, trak)
  }
  for (const box of top) {
    if (!TOP_KEEP.has(box.type)) blank(b, box)
    else if (CONTAINERS.has(box.type) && !scrubTree(b, dv, box, 1)) return CORRUPT
  }
  const kind = kinds.has('vide') ? 'video' : kinds.has('soun') ? 'audio' : undefined
  if (!kind) return UNSUPPORTED_MEDIA
  const quicktime = String.fromCharCode(...b.subarray(8, 12)) === 'qt  '
  const bytes = p < b.length ? b.slice(0, p) : b
  if (kind === 'audio') return { ok: true, kind, mime: 'audio/mp4', bytes, extension: 'm4a' }
  return quicktime
    ? { ok: true, kind, mime: 'video/quicktime', bytes, extension: 'mov' }
    : { ok: true, kind, mime: 'video/mp4', bytes, extension: 'mp4' }
}

function scrubTree(b: Uint8Array, dv: DataView, box: Box, depth: number): boolean {
  if (depth > MAX_NESTING) throw new EvidenceRefused(mediaTooDeep(MAX_NESTING))
  const kids = children(b, dv, box)
  if (!kids) return false
  for (const k of kids) {
    if (DENY.has(k.type)) blank(b, k)
    else if (TIMED.has(k.type)) zeroTimes(b, k)
    else if (CONTAINERS.has(k.type) && !scrubTree(b, dv, k, depth + 1)) return false
  }
  return true
}

/** Version 0: two 32-bit times after version and flags; version 1: two 64-bit times. */
function zeroTimes(b: Uint8Array, box: Box): void {
  const end = box.body + (b[box.body] === 1 ? 20 : 12)
  if (end <= box.end) b.fill(0, box.body + 4, end)
}
