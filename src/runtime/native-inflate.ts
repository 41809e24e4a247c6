import { constants, inflateRawSync } from 'node:zlib'
import type { NativeInflate } from '../core/inflate-bounded.js'

/**
 * zlib's own inflater, stopped at the limit (it throws rather than grow past it). As lenient
 * as the pure-JS one: a zlib header is checked and skipped, and neither the checksum nor a
 * missing end is held against the data (PDF writers get both wrong).
 */
export const nodeInflate: NativeInflate = (input, format, maxOutputLength) => {
  const cmf = input[0] ?? 0
  const flg = input[1] ?? 0
  if (format === 'zlib' && ((cmf & 0x0f) !== 8 || ((cmf << 8) | flg) % 31 !== 0))
    throw new Error('invalid zlib header')
  const raw = format === 'zlib' ? input.subarray(2) : input
  return inflateRawSync(raw, { maxOutputLength, finishFlush: constants.Z_SYNC_FLUSH })
}
