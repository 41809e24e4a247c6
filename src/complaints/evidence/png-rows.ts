import { inflateBounded } from '../../core/inflate-bounded.js'
import type { InflateBudget } from './budget.js'
import { CORRUPT, pictureDataTooLarge } from './messages.js'
import { pngChunks, pngHeader, pngRawSize } from './png-chunks.js'
import type { Refusal } from './types.js'

// A PNG's header promises exactly how many bytes its pixel rows inflate to (a filter byte and
// the packed samples of each row). That promise is taken from the file's allowance before
// anything is inflated, then the IDAT stream is inflated once, counted and dropped, with the
// promise as its ceiling: a stream that grows past it (a bomb) stops there. Whichever codec
// then decodes the picture (fast-png, libpng in sharp), it only ever gets a stream measured.

/** A refusal, or null when the rows keep the promise (or the header is for the codec to refuse). */
export function checkPngRows(input: Uint8Array, maxPixels: number, budget: InflateBudget): Refusal | null {
  const chunks = pngChunks(input)
  const head = chunks && pngHeader(chunks)
  if (!chunks || !head || head.width * head.height > maxPixels || head.width * head.height === 0) return null
  const expected = pngRawSize(head)
  if (expected > budget.left()) budget.refuse()
  const idat = chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)
  const measured = inflateBounded(idat, expected, { format: 'zlib', keep: false })
  if (!measured.ok) {
    return measured.reason === 'over_limit' ? pictureDataTooLarge(head.width, head.height, expected) : CORRUPT
  }
  budget.take(measured.size)
  return null
}
