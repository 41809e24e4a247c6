import { defineMessages } from '../../core/messages.js'
import type { ImageCodec } from './image-codec.js'
import { sanitizeEvidence } from './sanitize.js'
import type { EvidenceHint, EvidenceLimits, EvidenceMessage, Sanitized } from './types.js'

/**
 * Where evidence is cleaned, chosen per runtime like the keyring and the pusher: on Node a pool
 * of worker threads with a memory ceiling (src/runtime/evidence-pool.ts), so a hostile file can
 * neither stall the webhook's acknowledgments nor exhaust the process; on Cloudflare Workers
 * (one request per isolate, no threads) and in tests, inline.
 *
 * `clean` may take the bytes: the Node pool transfers their buffer to a worker thread, which
 * leaves the caller's array empty. Callers hand over bytes they no longer need.
 */
export interface EvidenceCleaner {
  clean(bytes: Uint8Array, hint: EvidenceHint, limits: EvidenceLimits): Promise<Cleaned>
  /** Stops the threads (Node); nothing to do inline. */
  close(): Promise<void>
}

/** The cleaner could not look at the file at all, whatever it holds. */
export interface NotCleaned {
  ok: false
  /** busy: too many files waiting; timeout/crashed: the file took too long or too much memory. */
  reason: 'busy' | 'timeout' | 'crashed'
  message: EvidenceMessage
}

export type Cleaned = Sanitized | NotCleaned

const NOT_CLEANED: ReadonlySet<string> = new Set<NotCleaned['reason']>(['busy', 'timeout', 'crashed'])

export const notCleaned = (r: Cleaned): r is NotCleaned => !r.ok && NOT_CLEANED.has(r.reason)

/** On the main thread: the Workers runtime, the terminal chat and most tests. */
export function inlineCleaner(images?: ImageCodec): EvidenceCleaner {
  return {
    clean: (bytes, hint, limits) => sanitizeEvidence(bytes, hint, limits, images),
    close: async () => {},
  }
}

const cleanerWords = defineMessages({
  busy: [
    'ระบบกำลังประมวลผลหลักฐานจำนวนมาก กรุณาส่งใหม่อีกครั้งในอีกสักครู่',
    'The system is processing a lot of evidence right now. Please send it again in a moment.',
  ],
  timedOut: [
    'ระบบใช้เวลาตรวจไฟล์นี้เกินกำหนด {{seconds}} วินาที จึงไม่รับไฟล์นี้ กรุณาบันทึกเป็นไฟล์ที่เล็กลงหรือแปลงเป็น PDF หรือ JPEG แล้วส่งใหม่',
    'Checking this file took longer than the {{seconds}}-second limit, so it was not accepted. Please save it smaller, or as PDF or JPEG, and send it again.',
  ],
  crashed: [
    'ไฟล์นี้ต้องใช้หน่วยความจำเกินกำหนด {{mb}} MB ในการตรวจ จึงไม่รับไฟล์นี้ กรุณาบันทึกเป็นไฟล์ที่เล็กลงหรือแปลงเป็น PDF หรือ JPEG แล้วส่งใหม่',
    'Checking this file needed more than the {{mb}} MB memory limit, so it was not accepted. Please save it smaller, or as PDF or JPEG, and send it again.',
  ],
})

export const BUSY: NotCleaned = { ok: false, reason: 'busy', message: cleanerWords.both('busy') }

export function timedOut(seconds: number): NotCleaned {
  return { ok: false, reason: 'timeout', message: cleanerWords.both('timedOut', { seconds }) }
}

export function crashed(memoryMb: number): NotCleaned {
  return { ok: false, reason: 'crashed', message: cleanerWords.both('crashed', { mb: memoryMb }) }
}
