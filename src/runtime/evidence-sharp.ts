import sharp from 'sharp'
import type { ImageCodec } from '../complaints/evidence/image-codec.js'
import { jpegDimensions, jpegSegments } from '../complaints/evidence/jpeg-segments.js'
import { CORRUPT, tooManyPixels, UNSUPPORTED_IMAGE } from '../complaints/evidence/messages.js'
import { keepPngChunks, pngChunks, pngDimensions } from '../complaints/evidence/png-chunks.js'
import type { Sanitized } from '../complaints/evidence/types.js'
import { webpHeader } from '../complaints/evidence/webp-header.js'

// Photos through libvips: about ten times faster than jpeg-js/fast-png for a 12 MP JPEG, at a
// fraction of the memory. The contract is the pure-JS one (image.ts): only the pixels survive,
// turned upright, re-encoded; sharp writes no EXIF, XMP, IPTC or ICC unless asked.
// JPEG, PNG and still WebP reach it. A WebP comes out as JPEG (or PNG when it has transparency),
// formats every officer's computer opens. Animated WebP is refused (keeping one frame would
// change the evidence), and so are GIF, HEIC/HEIF, AVIF, TIFF, BMP and JPEG 2000 (`detect`):
// libvips would read some of them, but each carries its own metadata places, and the pure-JS
// path on Workers refuses them too. Workers refuse WebP as well: no decoder there.

const JPEG_QUALITY = 90
/** What draws a PNG; libvips adds pHYs (resolution), which the pure path never wrote. */
const PNG_DRAWING = new Set(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND'])

export function sharpImages(): ImageCodec {
  // No cache: it would keep one complainant's decoded photo in memory while the next one's is
  // cleaned. libvips keeps its default of one thread per core: a 12 MP photo takes ~0.37 s with
  // two threads on a 2-core machine and ~0.52 s with one; its threads are native, so the event
  // loop only shares the cores with them (bench:evidence measures the acknowledgments).
  sharp.cache(false)
  return {
    jpeg: (input, maxPixels) => {
      // The header check is the pure path's: a truncated photo (no EOI) is corrupt, and the
      // pixel count is refused with its own message before libvips allocates anything.
      const segs = jpegSegments(input)
      const dims = segs && jpegDimensions(input, segs)
      if (!segs || !dims || dims.width === 0 || dims.height === 0) return CORRUPT
      if (dims.width * dims.height > maxPixels) return tooManyPixels(dims.width * dims.height, maxPixels)
      return reencode(input, maxPixels, 'jpeg')
    },
    png: (input, maxPixels) => {
      const chunks = pngChunks(input)
      const dims = chunks && pngDimensions(chunks)
      if (!chunks || !dims || dims.width === 0 || dims.height === 0) return CORRUPT
      if (dims.width * dims.height > maxPixels) return tooManyPixels(dims.width * dims.height, maxPixels)
      return reencode(input, maxPixels, 'png')
    },
    webp: async (input, maxPixels) => {
      const head = webpHeader(input)
      if (!head || head.width === 0 || head.height === 0) return CORRUPT
      if (head.animated) return UNSUPPORTED_IMAGE
      if (head.width * head.height > maxPixels) return tooManyPixels(head.width * head.height, maxPixels)
      // The header is read again by libvips: a chunk that lies about the first one is refused.
      const { hasAlpha } = await sharp(input, { limitInputPixels: maxPixels, failOn: 'error' }).metadata()
      return reencode(input, maxPixels, hasAlpha ? 'png' : 'jpeg')
    },
  }
}

async function reencode(input: Uint8Array, maxPixels: number, format: 'jpeg' | 'png'): Promise<Sanitized> {
  // limitInputPixels is libvips's own check of the header: a second fence behind ours.
  // rotate() without an angle applies the EXIF orientation (PNG eXIf included).
  const upright = sharp(input, {
    limitInputPixels: maxPixels,
    sequentialRead: true,
    failOn: 'error',
  }).rotate()
  if (format === 'jpeg') {
    const out = await upright.jpeg({ quality: JPEG_QUALITY }).toBuffer()
    return { ok: true, kind: 'image', mime: 'image/jpeg', bytes: copy(out), extension: 'jpg' }
  }
  // keepPngChunks writes a fresh array of its own, so no copy is needed to transfer it.
  const bytes = keepPngChunks(await upright.png().toBuffer(), PNG_DRAWING)
  if (!bytes) return CORRUPT
  return { ok: true, kind: 'image', mime: 'image/png', bytes, extension: 'png' }
}

/** A fresh array of its own (not a view of libvips's memory), so the worker can transfer it. */
function copy(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.byteLength)
  out.set(b)
  return out
}
