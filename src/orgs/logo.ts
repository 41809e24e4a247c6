import type { EvidenceCleaner } from '../complaints/evidence/cleaner.js'
import { detect } from '../complaints/evidence/detect.js'
import type { Bilingual } from '../core/lang.js'
import { defineMessages } from '../core/messages.js'

// The agency's logo: PNG or JPEG only, small, and re-encoded through the same bounded image
// path as complaint evidence (complaints/evidence: sizes read from the headers before a pixel
// is decoded, inflation bounded, nothing kept but the picture; Node's worker threads with sharp,
// pure JS on Workers). What is served is what was re-encoded, never the uploaded bytes.

const KB = 1024
/** Refused before anything is parsed; also what the re-encoded logo may weigh. */
export const LOGO_MAX_BYTES = 512 * KB
/** A logo shown 40 px high needs far less; 1 MP keeps re-encoding cheap on every runtime. */
export const LOGO_MAX_PIXELS = 1024 * 1024
const LOGO_MAX_INFLATED = 8 * 1024 * KB

export interface LogoRefusal {
  reason: 'missing' | 'type' | 'too_large' | 'too_many_pixels' | 'corrupt' | 'busy'
  th: string
  en: string
}

export interface CleanLogo {
  mime: 'image/png' | 'image/jpeg'
  bytes: Uint8Array
}

const kb = (n: number) => `${Math.ceil(n / KB).toLocaleString('en-US')} KB`

const logoWords = defineMessages({
  missing: ['กรุณาเลือกไฟล์โลโก้ (PNG หรือ JPEG)', 'Please choose a logo file (PNG or JPEG).'],
  type: [
    'โลโก้ต้องเป็นไฟล์ภาพ PNG หรือ JPEG เท่านั้น (ไฟล์ที่เลือกไม่ใช่ภาพชนิดนี้ แม้ชื่อไฟล์จะลงท้ายเช่นนั้น) กรุณาบันทึกภาพเป็น PNG หรือ JPEG แล้วอัปโหลดใหม่',
    'The logo must be a PNG or JPEG image (the file chosen is neither, whatever its name says). Please save it as PNG or JPEG and upload it again.',
  ],
  too_large: [
    'ไฟล์โลโก้มีขนาด {{size}} เกินกำหนด {{max}} กรุณาย่อภาพหรือบันทึกให้เล็กลงแล้วอัปโหลดใหม่',
    'The logo file is {{size}}, over the {{max}} limit. Please make it smaller and upload it again.',
  ],
  too_many_pixels: [
    'ภาพโลโก้ใหญ่เกินกำหนด 1 ล้านพิกเซล (เช่น 1,024 × 1,024) กรุณาย่อภาพแล้วอัปโหลดใหม่',
    'The logo is over the 1-megapixel limit (e.g. 1,024 × 1,024). Please reduce it and upload it again.',
  ],
  corrupt: [
    'อ่านไฟล์ภาพโลโก้ไม่ได้ ไฟล์อาจเสียหายหรือไม่สมบูรณ์ กรุณาบันทึกภาพใหม่แล้วอัปโหลดอีกครั้ง',
    'The logo could not be read: the file may be damaged or incomplete. Please save it again and upload it.',
  ],
  busy: [
    'ระบบกำลังประมวลผลไฟล์อื่นอยู่ กรุณาอัปโหลดโลโก้อีกครั้งในอีกสักครู่',
    'The system is busy with other files. Please upload the logo again in a moment.',
  ],
} as const satisfies Record<LogoRefusal['reason'], Bilingual>)

export function logoRefusal(reason: LogoRefusal['reason'], size = 0): LogoRefusal {
  const said =
    reason === 'too_large'
      ? logoWords.both(reason, { size: kb(size), max: kb(LOGO_MAX_BYTES) })
      : logoWords.both(reason)
  return { reason, ...said }
}

/** Checks and re-encodes an uploaded logo. `bytes` may be taken by the cleaner (see cleaner.ts). */
export async function cleanLogo(
  bytes: Uint8Array,
  cleaner: EvidenceCleaner,
): Promise<{ ok: true; logo: CleanLogo } | { ok: false; refusal: LogoRefusal }> {
  const no = (reason: LogoRefusal['reason'], size = 0) => ({
    ok: false as const,
    refusal: logoRefusal(reason, size),
  })
  if (bytes.length === 0) return no('missing')
  if (bytes.length > LOGO_MAX_BYTES) return no('too_large', bytes.length)
  // The type comes from the bytes: WebP, GIF, SVG (script) or a renamed file is refused here,
  // before any decoder sees it.
  const kind = detect(bytes)
  if (kind !== 'png' && kind !== 'jpeg') return no('type')
  const r = await cleaner.clean(
    bytes,
    {},
    {
      maxBytes: LOGO_MAX_BYTES,
      maxPixels: LOGO_MAX_PIXELS,
      maxInflatedBytes: LOGO_MAX_INFLATED,
    },
  )
  if (!r.ok) {
    if (r.reason === 'busy' || r.reason === 'timeout' || r.reason === 'crashed') return no('busy')
    // Its byte size was checked above: too large here means too many pixels.
    return no(r.reason === 'too_large' ? 'too_many_pixels' : 'corrupt')
  }
  if (r.mime !== 'image/png' && r.mime !== 'image/jpeg') return no('type')
  // Re-encoding may grow a photo-like PNG; what is served stays within the same limit.
  if (r.bytes.length > LOGO_MAX_BYTES) return no('too_large', r.bytes.length)
  return { ok: true, logo: { mime: r.mime, bytes: r.bytes } }
}

/** A version names the stored logo in its address, so a browser never shows an old one. */
export const newLogoVersion = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('')
