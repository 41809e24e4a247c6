import { encode as encodePng } from 'fast-png'
import jpeg from 'jpeg-js'
import { describe, expect, test } from 'vitest'
import { BUSY, type EvidenceCleaner, inlineCleaner } from '../../src/complaints/evidence/cleaner.js'
import { detect } from '../../src/complaints/evidence/detect.js'
import { cleanLogo, LOGO_MAX_BYTES } from '../../src/orgs/logo.js'

const png = (w: number, h: number, extra: Uint8Array = new Uint8Array()) => {
  const data = new Uint8Array(w * h * 4).fill(180)
  const bytes = encodePng({ width: w, height: h, data, channels: 4 })
  const out = new Uint8Array(bytes.length + extra.length)
  out.set(bytes)
  out.set(extra, bytes.length)
  return out
}
const jpg = (w: number, h: number) =>
  Uint8Array.from(jpeg.encode({ width: w, height: h, data: new Uint8Array(w * h * 4).fill(90) }, 80).data)
const text = (s: string) => new TextEncoder().encode(s)
const cleaner = inlineCleaner()

const refusal = async (bytes: Uint8Array, c: EvidenceCleaner = cleaner) => {
  const r = await cleanLogo(bytes, c)
  return r.ok ? null : r.refusal
}

describe('the agency logo', () => {
  test('PNG and JPEG are re-encoded: trailing bytes after the image are gone', async () => {
    const hidden = text('<script>alert(1)</script>')
    const r = await cleanLogo(png(64, 32, hidden), cleaner)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.logo.mime).toBe('image/png')
    expect(detect(r.logo.bytes)).toBe('png')
    expect(Buffer.from(r.logo.bytes).includes(Buffer.from(hidden))).toBe(false)
    const j = await cleanLogo(jpg(40, 40), cleaner)
    expect(j.ok && j.logo.mime).toBe('image/jpeg')
  })

  test('every other kind of file is refused by its bytes, whatever it is called, in Thai', async () => {
    const gif = text('GIF89a\u0001\u0000\u0001\u0000')
    const svg = text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    const webp = new Uint8Array([...text('RIFF'), 0, 0, 0, 0, ...text('WEBPVP8 ')])
    const pdf = text('%PDF-1.7\n')
    for (const bytes of [gif, svg, webp, pdf]) {
      const r = await refusal(bytes)
      expect(r?.reason).toBe('type')
      expect(r?.th).toContain('โลโก้ต้องเป็นไฟล์ภาพ PNG หรือ JPEG เท่านั้น')
    }
  })

  test('empty, too large, too many pixels, damaged, busy: each its own message', async () => {
    expect((await refusal(new Uint8Array()))?.th).toBe('กรุณาเลือกไฟล์โลโก้ (PNG หรือ JPEG)')
    const big = new Uint8Array(LOGO_MAX_BYTES + 1)
    big.set(png(1, 1))
    expect((await refusal(big))?.th).toBe(
      'ไฟล์โลโก้มีขนาด 513 KB เกินกำหนด 512 KB กรุณาย่อภาพหรือบันทึกให้เล็กลงแล้วอัปโหลดใหม่',
    )
    // One grey channel: cheap to make, and its header still says 1,025 × 1,024.
    const wide = await refusal(
      encodePng({ width: 1025, height: 1024, data: new Uint8Array(1025 * 1024), channels: 1 }),
    )
    expect(wide?.reason).toBe('too_many_pixels')
    expect(wide?.th).toContain('เกินกำหนด 1 ล้านพิกเซล')
    const broken = png(32, 32).slice(0, 60)
    expect((await refusal(broken))?.reason).toBe('corrupt')
    const busy: EvidenceCleaner = { clean: async () => BUSY, close: async () => {} }
    expect((await refusal(png(8, 8), busy))?.th).toBe('ระบบกำลังประมวลผลไฟล์อื่นอยู่ กรุณาอัปโหลดโลโก้อีกครั้งในอีกสักครู่')
  })
})
