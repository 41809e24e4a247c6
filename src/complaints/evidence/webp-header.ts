// What a WebP says about itself before anyone decodes it: its size and whether it moves.
// RIFF container, then one of three first chunks (Google's "WebP Container Specification"):
//   VP8  (lossy):    a key frame's start code 9d 01 2a, then 14-bit width and height;
//   VP8L (lossless): signature 0x2f, then width-1 and height-1 in 14 bits each;
//   VP8X (extended): flags (animation 0x02), then canvas width-1 and height-1 in 24 bits each.

export interface WebpHeader {
  width: number
  height: number
  animated: boolean
}

const tag = (b: Uint8Array, at: number) => String.fromCharCode(...b.subarray(at, at + 4))
const u24 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16)

/** The header of a WebP, or null when the first chunk is not one of the three or is cut short. */
export function webpHeader(b: Uint8Array): WebpHeader | null {
  if (b.length < 30 || tag(b, 0) !== 'RIFF' || tag(b, 8) !== 'WEBP') return null
  const chunk = tag(b, 12)
  const d = 20 // the first chunk's data
  if (chunk === 'VP8 ') {
    if (b[d + 3] !== 0x9d || b[d + 4] !== 0x01 || b[d + 5] !== 0x2a) return null
    const width = ((b[d + 6] ?? 0) | ((b[d + 7] ?? 0) << 8)) & 0x3fff
    const height = ((b[d + 8] ?? 0) | ((b[d + 9] ?? 0) << 8)) & 0x3fff
    return { width, height, animated: false }
  }
  if (chunk === 'VP8L') {
    if (b[d] !== 0x2f) return null
    const bits =
      ((b[d + 1] ?? 0) | ((b[d + 2] ?? 0) << 8) | ((b[d + 3] ?? 0) << 16) | ((b[d + 4] ?? 0) << 24)) >>> 0
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, animated: false }
  }
  if (chunk === 'VP8X') {
    return { width: u24(b, d + 4) + 1, height: u24(b, d + 7) + 1, animated: ((b[d] ?? 0) & 0x02) !== 0 }
  }
  return null
}
