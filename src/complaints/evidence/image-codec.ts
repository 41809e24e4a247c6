import type { Sanitized } from './types.js'

/**
 * Decodes a photo and encodes it afresh, pixels only. Two implementations: pure JS (jpeg-js,
 * fast-png; image.ts), which runs anywhere including Cloudflare Workers, and sharp/libvips on
 * Node (src/runtime/evidence-sharp.ts), ten times faster. Both refuse a photo over `maxPixels`
 * from its header, before decoding.
 */
export interface ImageCodec {
  jpeg(input: Uint8Array, maxPixels: number): Sanitized | Promise<Sanitized>
  png(input: Uint8Array, maxPixels: number): Sanitized | Promise<Sanitized>
  /** Only where a WebP decoder is at hand (sharp); without it a WebP is refused as an image
   * format the runtime cannot clean, with the JPEG/PNG request. */
  webp?(input: Uint8Array, maxPixels: number): Sanitized | Promise<Sanitized>
}

// The codecs are loaded on first use: most processes never see a photo, and local mode must
// stay small (under 200 MB resident).
export const pureImages: ImageCodec = {
  jpeg: async (input, maxPixels) => (await import('./image.js')).sanitizeJpeg(input, maxPixels),
  png: async (input, maxPixels) => (await import('./image.js')).sanitizePng(input, maxPixels),
}
