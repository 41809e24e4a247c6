import { type Box, children } from './mp4-boxes.js'

// A timed-metadata track (GPS telemetry, face regions, camera motion) keeps its samples in
// mdat, outside the track box. Blanking the track box alone would leave those bytes in the
// file, so the sample tables are read to find each chunk and zero it.

export type ChunkWalk = 'ok' | 'unreadable' | 'outside'

/**
 * Calls `each` with the byte range of every chunk of samples the sample table (stbl) points
 * at. 'unreadable' when the table cannot be read with certainty (compact stz2 sizes, missing
 * or short boxes); 'outside' when a chunk lies beyond `limit` (a truncated file).
 */
export function eachChunk(
  b: Uint8Array,
  dv: DataView,
  stbl: Box,
  limit: number,
  each: (start: number, end: number) => void,
): ChunkWalk {
  const boxes = children(b, dv, stbl)
  if (!boxes) return 'unreadable'
  const stsc = boxes.find((x) => x.type === 'stsc')
  const stsz = boxes.find((x) => x.type === 'stsz')
  const stco = boxes.find((x) => x.type === 'stco' || x.type === 'co64')
  if (!stsz && !stco && !stsc) return 'ok' // an empty track
  if (!stsc || !stsz || !stco) return 'unreadable'
  const need = (box: Box, at: number) => at <= box.end
  if (!need(stco, stco.body + 8) || !need(stsc, stsc.body + 8) || !need(stsz, stsz.body + 12))
    return 'unreadable'
  // Chunk offsets.
  const wide = stco.type === 'co64'
  const chunks = dv.getUint32(stco.body + 4)
  if (!need(stco, stco.body + 8 + chunks * (wide ? 8 : 4))) return 'unreadable'
  const offset = (i: number) =>
    wide
      ? dv.getUint32(stco.body + 8 + i * 8) * 2 ** 32 + dv.getUint32(stco.body + 12 + i * 8)
      : dv.getUint32(stco.body + 8 + i * 4)
  // Samples per chunk, as runs starting at a 1-based chunk number.
  const runs = dv.getUint32(stsc.body + 4)
  if (runs === 0 || !need(stsc, stsc.body + 8 + runs * 12)) return 'unreadable'
  const runFirst = (r: number) => dv.getUint32(stsc.body + 8 + r * 12)
  const runSamples = (r: number) => dv.getUint32(stsc.body + 12 + r * 12)
  // Sample sizes: one for all, or a table.
  const fixed = dv.getUint32(stsz.body + 4)
  const count = dv.getUint32(stsz.body + 8)
  if (fixed === 0 && !need(stsz, stsz.body + 12 + count * 4)) return 'unreadable'
  const size = (s: number) => (fixed !== 0 ? fixed : dv.getUint32(stsz.body + 12 + s * 4))

  let run = 0
  let sample = 0
  for (let c = 0; c < chunks && sample < count; c++) {
    while (run + 1 < runs && runFirst(run + 1) <= c + 1) run++
    const start = offset(c)
    let end = start
    for (let k = runSamples(run); k > 0 && sample < count; k--) end += size(sample++)
    if (end > limit) return 'outside'
    each(start, end)
  }
  return sample === count ? 'ok' : 'unreadable'
}
