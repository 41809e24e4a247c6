import { decode as decodePng, encode as encodePng, type PngDataArray } from 'fast-png'
import jpeg from 'jpeg-js'
import { jpegDimensions, jpegOrientation, jpegSegments } from './jpeg-segments.js'
import { CORRUPT, tooManyPixels } from './messages.js'
import { applyOrientation } from './orient.js'
import { pngChunks, pngHeader, stripPngLossless } from './png-chunks.js'
import { tiffOrientation } from './tiff.js'
import type { Sanitized } from './types.js'

// Photos are decoded to pixels and encoded afresh: nothing of the original file survives but
// the picture, whatever metadata format or trailing data it carried. Dimensions are read from
// the headers first so an oversized photo is refused before a single pixel is allocated.

/** jpeg-js quality 0–100; 90 is visually lossless for photos of documents and scenes. */
const JPEG_QUALITY = 90

/**
 * What jpeg-js holds per pixel: per component 4 bytes of coefficients, 1 of output lines and 1
 * of interleaved samples, then 4 of RGBA; block padding adds up to a tenth. The allowance is
 * what a 3-component photo at the pixel limit needs, so a CMYK (4-component) photo is held to
 * fewer pixels.
 */
const jpegBytes = (pixels: number, components: number) => pixels * (6 * components + 4) * 1.1
const MB = 1024 * 1024

export function sanitizeJpeg(input: Uint8Array, maxPixels: number): Sanitized {
  const segs = jpegSegments(input)
  const dims = segs && jpegDimensions(input, segs)
  if (!segs || !dims || dims.width === 0 || dims.height === 0 || dims.components === 0) return CORRUPT
  const pixels = dims.width * dims.height
  if (pixels > maxPixels) return tooManyPixels(pixels, maxPixels)
  const memory = jpegBytes(maxPixels, 3)
  if (jpegBytes(pixels, dims.components) > memory) {
    return tooManyPixels(pixels, Math.floor(memory / jpegBytes(1, dims.components)))
  }
  const orientation = jpegOrientation(input, segs)
  // A truncated photo was already refused above (no EOI). jpeg-js's tolerant mode only skips
  // blocks some cameras declare but never send; without it such photos would be "corrupt".
  const raw = decodeWithin(input, maxPixels, memory)
  if (!raw) return tooManyPixels(pixels, maxPixels)
  const upright = applyOrientation(raw, orientation, 4, (n) => new Uint8Array(n))
  // Only the pixels go to the encoder: jpeg-js's decoder returns the original Exif (GPS and all)
  // beside them and its encoder writes any `exifBuffer` it is given straight back.
  const encoded = jpeg.encode(
    { width: upright.width, height: upright.height, data: upright.data },
    JPEG_QUALITY,
  )
  // jpeg-js hands back a Node Buffer under CommonJS; the rest of the app wants a plain array.
  return {
    ok: true,
    kind: 'image',
    mime: 'image/jpeg',
    bytes: Uint8Array.from(encoded.data),
    extension: 'jpg',
  }
}

/** jpeg-js with its own ceilings, should a later frame header say more than the one checked. */
function decodeWithin(input: Uint8Array, maxPixels: number, memory: number) {
  try {
    return jpeg.decode(input, {
      useTArray: true,
      formatAsRGBA: true,
      tolerantDecoding: true,
      maxResolutionInMP: maxPixels / 1e6,
      maxMemoryUsageInMB: Math.ceil(memory / MB) + 1,
    })
  } catch (err) {
    if (err instanceof Error && /maxMemoryUsageInMB|maxResolutionInMP/.test(err.message)) return null
    throw err
  }
}

/** The pixel rows were measured against the header's promise before this runs (png-rows.ts). */
export function sanitizePng(input: Uint8Array, maxPixels: number): Sanitized {
  const chunks = pngChunks(input)
  const head = chunks && pngHeader(chunks)
  if (!chunks || !head || head.width === 0 || head.height === 0) return CORRUPT
  if (head.width * head.height > maxPixels) return tooManyPixels(head.width * head.height, maxPixels)
  const exif = chunks.find((c) => c.type === 'eXIf')
  const orientation = exif ? tiffOrientation(exif.data) : 1
  // Only the chunks that draw the picture reach the decoder: fast-png inflates a compressed ICC
  // profile (iCCP) and animation frames (fdAT) with no ceiling, and neither is kept anyway.
  const drawn = stripPngLossless(input)
  if (!drawn) return CORRUPT
  const png = decodePng(drawn, { checkCrc: true })
  let channels = png.channels
  let data: Uint8Array | Uint16Array = asTyped(png.data)
  // fast-png writes tRNS only for palettes; a colour-key transparency becomes an alpha channel.
  if (!png.palette && png.transparency && png.transparency.length > 0 && png.depth >= 8) {
    data = keyToAlpha(data, channels, png.transparency)
    channels += 1
  }
  // Packed 1/2/4-bit rows and palette indices are left as drawn (no such PNG comes from a phone).
  const rotate = !png.palette && png.depth >= 8
  const upright = rotate
    ? applyOrientation({ width: png.width, height: png.height, data }, orientation, channels, (n) =>
        data instanceof Uint16Array ? new Uint16Array(n) : new Uint8Array(n),
      )
    : { width: png.width, height: png.height, data }
  const bytes = encodePng({
    width: upright.width,
    height: upright.height,
    data: upright.data,
    depth: png.depth,
    channels,
    ...(png.palette ? { palette: png.palette } : {}),
  })
  return { ok: true, kind: 'image', mime: 'image/png', bytes, extension: 'png' }
}

function asTyped(d: PngDataArray): Uint8Array | Uint16Array {
  return d instanceof Uint8ClampedArray ? new Uint8Array(d.buffer, d.byteOffset, d.length) : d
}

function keyToAlpha(
  d: Uint8Array | Uint16Array,
  channels: number,
  key: Uint16Array,
): Uint8Array | Uint16Array {
  const pixels = d.length / channels
  const out =
    d instanceof Uint16Array
      ? new Uint16Array(pixels * (channels + 1))
      : new Uint8Array(pixels * (channels + 1))
  const opaque = d instanceof Uint16Array ? 0xffff : 0xff
  for (let i = 0; i < pixels; i++) {
    let transparent = true
    for (let c = 0; c < channels; c++) {
      const v = d[i * channels + c] ?? 0
      out[i * (channels + 1) + c] = v
      if (v !== key[c]) transparent = false
    }
    out[i * (channels + 1) + channels] = transparent ? 0 : opaque
  }
  return out
}
