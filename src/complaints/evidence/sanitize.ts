import { InflateBudget } from './budget.js'
import { detect } from './detect.js'
import { type ImageCodec, pureImages } from './image-codec.js'
import {
  CORRUPT,
  EMPTY,
  tooLarge,
  UNSUPPORTED,
  UNSUPPORTED_IMAGE,
  UNSUPPORTED_LEGACY_OFFICE,
} from './messages.js'
import { sanitizeMp4 } from './mp4.js'
import { sanitizePdf } from './pdf.js'
import { checkPngRows } from './png-rows.js'
import {
  DEFAULT_MAX_PIXELS,
  type EvidenceHint,
  type EvidenceLimits,
  EvidenceRefused,
  type Sanitized,
} from './types.js'

/**
 * Checks a piece of complaint evidence and returns bytes that say nothing about who sent it:
 * photos re-encoded without EXIF/XMP/GPS (and turned upright), PDF and Office files without
 * authors, dates or XMP, video and audio without location, device or times. Anything it
 * cannot clean with certainty is refused with a message for the complainant.
 *
 * Pure: no database, no network, no Node APIs. The type comes from the bytes alone; `hint`
 * (what LINE or the browser declared) is accepted for the caller's convenience and ignored,
 * because a renamed file must not choose how it is handled. `images` re-encodes photos: pure JS
 * by default (any runtime), sharp on Node (src/runtime/evidence-sharp.ts).
 */
export async function sanitizeEvidence(
  input: Uint8Array,
  _hint: EvidenceHint,
  limits: EvidenceLimits,
  images: ImageCodec = pureImages,
): Promise<Sanitized> {
  if (input.length === 0) return EMPTY
  // Before any parsing: a 30 MB video costs one comparison.
  if (input.length > limits.maxBytes) return tooLarge(input.length, limits.maxBytes)
  const maxPixels = limits.maxPixels ?? DEFAULT_MAX_PIXELS
  // What the file may inflate to, all decoders together; the result says what it took.
  const budget = new InflateBudget(limits)
  try {
    switch (detect(input)) {
      case 'jpeg':
        return await images.jpeg(input, maxPixels)
      case 'png':
        // Measured against its header before either codec inflates it (png-rows.ts).
        return checkPngRows(input, maxPixels, budget) ?? counted(await images.png(input, maxPixels), budget)
      case 'webp':
        return images.webp ? await images.webp(input, maxPixels) : UNSUPPORTED_IMAGE
      case 'pdf':
        return counted(await sanitizePdf(input, budget), budget)
      case 'zip':
        return counted((await import('./ooxml.js')).sanitizeOoxml(input, budget), budget)
      case 'isobmff':
        return sanitizeMp4(input)
      case 'text':
        // Nothing hides in plain UTF-8 but what the sender typed; stored as text, never as HTML.
        return { ok: true, kind: 'file', mime: 'text/plain; charset=utf-8', bytes: input, extension: 'txt' }
      case 'other-image':
        return UNSUPPORTED_IMAGE
      case 'legacy-office':
        return UNSUPPORTED_LEGACY_OFFICE
      default:
        return UNSUPPORTED
    }
  } catch (err) {
    if (err instanceof EvidenceRefused) return err.refusal
    // Every decoder throws on input it cannot read: that is what "corrupt" means here.
    return CORRUPT
  }
}

const counted = (r: Sanitized, budget: InflateBudget): Sanitized =>
  r.ok ? { ...r, inflatedBytes: budget.used } : r
