import type { Bilingual } from '../core/lang.js'
import { defineMessages } from '../core/messages.js'

/** Expected failures of the broadcast service, as values with a message in Thai and English. */
export type BroadcastErrorCode =
  | 'invalid_title'
  | 'messages_over_limits'
  | 'invalid_time_zone'
  | 'invalid_cron'
  | 'run_at_in_past'
  | 'empty_audience'
  | 'not_found'
  | 'not_editable'
  | 'not_cancellable'
  | 'nothing_to_retry'
  | 'measure_required'
  | 'unknown_measure'

export interface BroadcastError {
  code: BroadcastErrorCode
  th: string
  en: string
  /** Specifics (LINE limit problems, the cron parser's complaint); never message text or ids. */
  problems: string[]
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: BroadcastError }

const errorWords = defineMessages({
  invalid_title: ['กรุณาตั้งชื่อข้อความประกาศ', 'The broadcast needs a title.'],
  messages_over_limits: [
    'ข้อความเกินขีดจำกัดของ LINE จึงส่งไม่ได้',
    'The messages exceed LINE limits and cannot be sent.',
  ],
  invalid_time_zone: ['ไม่รู้จักเขตเวลานี้', 'Unknown time zone.'],
  invalid_cron: [
    'รูปแบบการทำซ้ำ (cron) ไม่ถูกต้อง ต้องมี 5 ช่อง: นาที ชั่วโมง วัน เดือน วันในสัปดาห์',
    'The recurrence (cron expression) is invalid: it needs 5 fields: minute hour day month weekday.',
  ],
  run_at_in_past: ['วันและเวลาที่จะส่งผ่านไปแล้ว', 'The send date and time is in the past.'],
  empty_audience: [
    'กลุ่มผู้รับว่าง ไม่มีกลุ่มหรือผู้ติดตามที่จะส่งถึง',
    'The audience is empty: no group or follower would receive this.',
  ],
  not_found: ['ไม่พบข้อความประกาศนี้', 'Broadcast not found.'],
  not_editable: ['แก้ไขไม่ได้ เพราะเริ่มส่งแล้ว', 'It can no longer be edited: sending has started.'],
  not_cancellable: [
    'ยกเลิกไม่ได้ เพราะเริ่มส่งแล้วหรือยังไม่ได้ตั้งเวลา',
    'It cannot be cancelled: sending has started or it is not scheduled.',
  ],
  nothing_to_retry: ['ไม่มีผู้รับที่ส่งไม่สำเร็จให้ส่งซ้ำ', 'No failed recipients to retry.'],
  measure_required: [
    'กรุณาเลือกมาตรการที่ข้อความนี้สนับสนุน เพื่อให้นับเป็นหลักฐานการดำเนินงาน (ITA)',
    'Choose the measure this broadcast serves, so it counts as evidence (ITA).',
  ],
  unknown_measure: ['ไม่มีมาตรการนี้ใน flows/measures.yaml', 'No such measure in flows/measures.yaml.'],
} as const satisfies Record<BroadcastErrorCode, Bilingual>)

export function broadcastError(code: BroadcastErrorCode, problems: string[] = []): BroadcastError {
  return { code, ...errorWords.both(code), problems }
}

export const fail = <T>(code: BroadcastErrorCode, problems: string[] = []): Result<T> => ({
  ok: false,
  error: broadcastError(code, problems),
})
