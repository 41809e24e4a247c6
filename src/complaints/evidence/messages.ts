import { defineMessages } from '../../core/messages.js'
import type { Refusal } from './types.js'

// What the complainant reads when evidence is refused: Thai first, English beside it, the
// government register (no ครับ/ค่ะ), and always what to do next.

const MB = 1024 * 1024

/** "30.0" for the file, "10" for a round limit, so the numbers read as the sender expects. */
function mb(bytes: number, exact: boolean): string {
  const v = bytes / MB
  return !exact && Number.isInteger(v) ? String(v) : v.toFixed(1)
}

const refusalWords = defineMessages({
  tooLarge: [
    'ไฟล์มีขนาด {{size}} MB เกินกำหนด {{limit}} MB กรุณาส่งไฟล์ที่เล็กลง หรือแบ่งส่งเป็นหลายไฟล์',
    'The file is {{size}} MB, over the {{limit}} MB limit. Please send a smaller file, or split it into several files.',
  ],
  tooManyPixels: [
    'ภาพมีความละเอียด {{pixels}} ล้านพิกเซล เกินกำหนด {{limit}} ล้านพิกเซล กรุณาย่อภาพก่อนส่ง หรือส่งภาพผ่าน LINE ตามปกติ (ไม่เลือกความละเอียดต้นฉบับ)',
    'The photo is {{pixels}} megapixels, over the {{limit}}-megapixel limit. Please reduce it before sending, or send it through LINE as usual (not in original quality).',
  ],
  empty: ['ไฟล์ไม่มีข้อมูล กรุณาส่งไฟล์อีกครั้ง', 'The file is empty. Please send it again.'],
  corrupt: [
    'ไฟล์เสียหายหรือไม่สมบูรณ์ ระบบจึงเปิดไฟล์ไม่ได้ กรุณาส่งไฟล์อีกครั้ง',
    'The file is damaged or incomplete and cannot be opened. Please send it again.',
  ],
  unsupported: [
    'ระบบรับหลักฐานได้เฉพาะภาพ JPEG หรือ PNG เอกสาร PDF, Word, Excel, PowerPoint (docx, xlsx, pptx) ไฟล์ข้อความ (txt) วิดีโอ MP4 และเสียง M4A กรุณาแปลงไฟล์แล้วส่งใหม่',
    'Evidence can be a JPEG or PNG photo, a PDF, Word, Excel or PowerPoint file (docx, xlsx, pptx), a plain text file, an MP4 video or an M4A recording. Please convert the file and send it again.',
  ],
  unsupportedImage: [
    'ระบบรับภาพได้เฉพาะ JPEG หรือ PNG เพื่อให้ลบข้อมูลที่อาจระบุตัวผู้ส่ง (เช่น พิกัด GPS) ได้ครบถ้วน กรุณาส่งเป็น JPEG หรือ PNG ภาพที่ส่งผ่าน LINE ตามปกติใช้ได้ทันที',
    'Photos are accepted as JPEG or PNG only, so that everything that could identify the sender (such as GPS location) can be removed. Please send a JPEG or PNG; photos sent through LINE as usual already are.',
  ],
  encryptedPdf: [
    'ไฟล์ PDF มีรหัสผ่านหรือการเข้ารหัส ระบบจึงลบข้อมูลที่อาจระบุตัวผู้ส่งไม่ได้ กรุณายกเลิกรหัสผ่านแล้วส่งใหม่',
    'The PDF is password-protected or encrypted, so details that could identify the sender cannot be removed. Please remove the protection and send it again.',
  ],
  legacyOffice: [
    'ระบบไม่รับไฟล์ Office รุ่นเก่า (.doc .xls .ppt) กรุณาบันทึกเป็น docx, xlsx, pptx หรือ PDF แล้วส่งใหม่',
    'Old Office files (.doc, .xls, .ppt) are not accepted. Please save the file as docx, xlsx, pptx or PDF and send it again.',
  ],
  macros: [
    'ไฟล์มีมาโครซึ่งอาจเป็นอันตรายต่อเครื่องของเจ้าหน้าที่ กรุณาบันทึกเป็นไฟล์ที่ไม่มีมาโคร (docx, xlsx, pptx) หรือ PDF แล้วส่งใหม่',
    'The file contains macros, which could harm the officers’ computers. Please save it without macros (docx, xlsx, pptx) or as PDF and send it again.',
  ],
  media: [
    'ระบบลบข้อมูลระบุตัวผู้ส่งออกจากไฟล์วิดีโอหรือเสียงนี้ได้ไม่ครบ กรุณาส่งวิดีโอหรือเสียงผ่าน LINE ตามปกติ (MP4 หรือ M4A)',
    'Details that could identify the sender cannot be fully removed from this video or recording. Please send it through LINE as usual (MP4 or M4A).',
  ],
  unpackedFile: [
    'ไฟล์นี้เมื่อขยายข้อมูลที่บีบอัดไว้แล้วมีขนาดเกินกำหนด {{limit}} MB กรุณาส่งไฟล์ที่เล็กลง หรือแบ่งเป็นหลายไฟล์แล้วส่งใหม่',
    'Once unpacked, this file is over the {{limit}} MB limit. Please send a smaller file, or split it into several files, and send it again.',
  ],
  unpackedRequest: [
    'ไฟล์ที่แนบทั้งหมดเมื่อขยายข้อมูลที่บีบอัดไว้แล้วรวมกันเกินกำหนด {{limit}} MB กรุณาแนบไฟล์ให้น้อยลงแล้วส่งใหม่',
    'Once unpacked, the attached files together are over the {{limit}} MB limit. Please attach fewer files and send again.',
  ],
  tooManyParts: [
    'เอกสารมีส่วนประกอบเกินกำหนด {{limit}} ส่วน กรุณาบันทึกเป็น PDF หรือแบ่งเป็นหลายไฟล์แล้วส่งใหม่',
    'The document has more than {{limit}} parts, over the limit. Please save it as PDF, or split it, and send it again.',
  ],
  pictureDataBytes: [
    'ภาพขนาด {{width}}×{{height}} พิกเซลมีข้อมูลภาพได้ไม่เกิน {{n}} ไบต์ แต่ไฟล์นี้มีมากกว่านั้น ภาพอาจเสียหาย กรุณาบันทึกภาพใหม่แล้วส่งอีกครั้ง',
    'A {{width}}×{{height}} picture holds at most {{n}} bytes of pixel data, and this file holds more; it may be damaged. Please save it again and send it again.',
  ],
  pictureDataMb: [
    'ภาพขนาด {{width}}×{{height}} พิกเซลมีข้อมูลภาพได้ไม่เกิน {{n}} MB แต่ไฟล์นี้มีมากกว่านั้น ภาพอาจเสียหาย กรุณาบันทึกภาพใหม่แล้วส่งอีกครั้ง',
    'A {{width}}×{{height}} picture holds at most {{n}} MB of pixel data, and this file holds more; it may be damaged. Please save it again and send it again.',
  ],
  pdfStreamEach: [
    'ไฟล์ PDF มีข้อมูลบางส่วนที่เมื่อขยายแล้วเกินกำหนด {{limit}} MB ต่อส่วน กรุณาสั่งพิมพ์เป็น PDF ใหม่ หรือแบ่งเป็นหลายไฟล์แล้วส่งใหม่',
    'Part of this PDF is over the {{limit}} MB limit per part once unpacked. Please print it to a new PDF, or split it, and send it again.',
  ],
  pdfStreamAll: [
    'ไฟล์ PDF มีข้อมูลโครงสร้างที่เมื่อขยายแล้วรวมกันเกินกำหนด {{limit}} MB กรุณาสั่งพิมพ์เป็น PDF ใหม่ หรือแบ่งเป็นหลายไฟล์แล้วส่งใหม่',
    'The structure of this PDF is over the {{limit}} MB limit once unpacked. Please print it to a new PDF, or split it, and send it again.',
  ],
  mediaBoxTooLarge: [
    'ไฟล์เสียหายหรือไม่สมบูรณ์ ไฟล์วิดีโอหรือเสียงระบุว่ามีข้อมูล {{declared}} MB เกินขนาดไฟล์จริง {{size}} MB กรุณาส่งใหม่อีกครั้ง',
    'The file is damaged or incomplete: the video or recording claims {{declared}} MB of data, more than the whole file ({{size}} MB). Please send it again.',
  ],
  mediaTooDeep: [
    'โครงสร้างไฟล์วิดีโอหรือเสียงซ้อนกันเกินกำหนด {{limit}} ชั้น กรุณาส่งวิดีโอหรือเสียงผ่าน LINE ตามปกติ (MP4 หรือ M4A)',
    'The video or recording nests its parts more than {{limit}} levels deep, over the limit. Please send it through LINE as usual (MP4 or M4A).',
  ],
  unreadableAfterCleaning: [
    'เมื่อลบส่วนที่อาจเป็นอันตรายหรืออาจระบุตัวผู้ส่งออกแล้ว ไฟล์นี้เปิดไม่ได้ กรุณาบันทึกเป็นไฟล์ใหม่ (เช่น สั่งพิมพ์เป็น PDF) หรือถ่ายภาพหน้าจอ แล้วส่งใหม่',
    'Once the parts that could be harmful or identify the sender are removed, this file can no longer be opened. Please save it as a new file (for example, print it to PDF) or take screenshots, and send it again.',
  ],
})

export function tooLarge(size: number, limit: number): Refusal {
  const message = refusalWords.both('tooLarge', { size: mb(size, true), limit: mb(limit, false) })
  return { ok: false, reason: 'too_large', message }
}

export function tooManyPixels(pixels: number, limit: number): Refusal {
  const vars = { pixels: (pixels / 1e6).toFixed(1), limit: Math.floor(limit / 1e6) }
  return { ok: false, reason: 'too_large', message: refusalWords.both('tooManyPixels', vars) }
}

export const EMPTY: Refusal = { ok: false, reason: 'empty', message: refusalWords.both('empty') }

export const CORRUPT: Refusal = { ok: false, reason: 'corrupt', message: refusalWords.both('corrupt') }

const unsupported = (message: Refusal['message']): Refusal => ({ ok: false, reason: 'unsupported', message })

export const UNSUPPORTED = unsupported(refusalWords.both('unsupported'))
export const UNSUPPORTED_IMAGE = unsupported(refusalWords.both('unsupportedImage'))
export const UNSUPPORTED_ENCRYPTED_PDF = unsupported(refusalWords.both('encryptedPdf'))
export const UNSUPPORTED_LEGACY_OFFICE = unsupported(refusalWords.both('legacyOffice'))
export const UNSUPPORTED_MACROS = unsupported(refusalWords.both('macros'))
export const UNSUPPORTED_MEDIA = unsupported(refusalWords.both('media'))

/** Decompression past the allowance of one file, or of all files of one request together. */
export function tooLargeUnpacked(limit: number, scope: 'file' | 'request'): Refusal {
  const key = scope === 'file' ? 'unpackedFile' : 'unpackedRequest'
  return { ok: false, reason: 'too_large', message: refusalWords.both(key, { limit: mb(limit, false) }) }
}

export function tooManyParts(limit: number): Refusal {
  const message = refusalWords.both('tooManyParts', { limit: limit.toLocaleString('en-US') })
  return { ok: false, reason: 'too_large', message }
}

/** A PNG whose pixel data inflates past what its declared width, height and depth can hold. */
export function pictureDataTooLarge(width: number, height: number, limit: number): Refusal {
  const small = limit < MB
  const n = small ? limit.toLocaleString('en-US') : mb(limit, true)
  const message = refusalWords.both(small ? 'pictureDataBytes' : 'pictureDataMb', { width, height, n })
  return { ok: false, reason: 'corrupt', message }
}

/**
 * One PDF stream (page content, picture, object stream) past its own limit once unpacked, or
 * (`all`) the document's object streams together past theirs.
 */
export function pdfStreamTooLarge(limit: number, scope: 'each' | 'all' = 'each'): Refusal {
  const key = scope === 'each' ? 'pdfStreamEach' : 'pdfStreamAll'
  return { ok: false, reason: 'too_large', message: refusalWords.both(key, { limit: mb(limit, false) }) }
}

/** A box of a video or recording says it is larger than the whole file. */
export function mediaBoxTooLarge(declared: number, fileSize: number): Refusal {
  const message = refusalWords.both('mediaBoxTooLarge', {
    declared: mb(declared, true),
    size: mb(fileSize, true),
  })
  return { ok: false, reason: 'corrupt', message }
}

export function mediaTooDeep(limit: number): Refusal {
  return { ok: false, reason: 'corrupt', message: refusalWords.both('mediaTooDeep', { limit }) }
}

/** Removing active content or identifying parts left nothing a reader can open. */
export const UNREADABLE_AFTER_CLEANING = unsupported(refusalWords.both('unreadableAfterCleaning'))
