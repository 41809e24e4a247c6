/** Type and pixel size read from a PNG or JPEG header, without decoding the image. */
export interface ImageInfo {
  contentType: 'image/png' | 'image/jpeg'
  width: number
  height: number
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

function readPng(b: Uint8Array): ImageInfo | null {
  // Signature, then the IHDR chunk: length(4) "IHDR"(4) width(4) height(4).
  if (b.length < 24 || !PNG_SIGNATURE.every((v, i) => b[i] === v)) return null
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  return { contentType: 'image/png', width: view.getUint32(16), height: view.getUint32(20) }
}

// Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
const isStartOfFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc

function readJpeg(b: Uint8Array): ImageInfo | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  let at = 2
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null
    const marker = b[at + 1] ?? 0
    if (marker === 0xff) {
      at += 1 // fill byte
      continue
    }
    const length = view.getUint16(at + 2)
    if (isStartOfFrame(marker)) {
      return { contentType: 'image/jpeg', height: view.getUint16(at + 5), width: view.getUint16(at + 7) }
    }
    at += 2 + length
  }
  return null
}

/** Null when the bytes are neither PNG nor JPEG (or are truncated before the size). */
export function readImageInfo(bytes: Uint8Array): ImageInfo | null {
  return readPng(bytes) ?? readJpeg(bytes)
}
