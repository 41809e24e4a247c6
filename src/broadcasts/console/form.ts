import { zonedToUtc } from '../../core/time/index.js'
import type { LineMessage } from '../../line/port.js'
import { presetToCron } from '../schedule.js'
import { ALL_FOLLOWERS, type BroadcastRow, type TemplateKey } from '../tables.js'

/**
 * The compose form, field by field, and its reading into the service's input. Pure: the route
 * saves a labels audience and calls the service; every rule the service checks stays there.
 */
export type ContentKind = 'text' | 'nogift' | 'flex' | 'budget'
export type AudienceKind = 'saved' | 'labels' | 'all'
export type ScheduleMode = 'now' | 'at' | 'monthly' | 'weekdays' | 'cron'

export interface ComposeFields {
  title: string
  content: ContentKind
  text: string
  flex: string
  audienceKind: AudienceKind
  audience: string
  labels: string[]
  mode: ScheduleMode
  date: string
  time: string
  day: string
  cron: string
  /** The measure (flows `measures:`) it serves; '' lets a template supply its own. */
  measure: string
}

/**
 * The No Gift Policy reminder as plain text, in Thai only: a broadcast reaches every follower
 * as one copy, so it is in Thai (README "One language at a time"), never Thai then English.
 */
export const NO_GIFT_TEXT =
  'เตือนความจำ: นโยบายไม่รับของขวัญ (No Gift Policy)\n' +
  'เจ้าหน้าที่ทุกคนงดให้และงดรับของขวัญหรือประโยชน์อื่นใดจากการปฏิบัติหน้าที่ ' +
  'หากมีผู้มอบให้ โปรดปฏิเสธอย่างสุภาพและแจ้งผู้บังคับบัญชา'

const pick = <T extends string>(v: string, allowed: readonly T[], fallback: T): T =>
  (allowed as readonly string[]).includes(v) ? (v as T) : fallback

export function readCompose(f: (name: string) => string, all: (name: string) => string[]): ComposeFields {
  return {
    title: f('title'),
    content: pick(f('content'), ['text', 'nogift', 'flex', 'budget'], 'text'),
    text: f('text'),
    flex: f('flex'),
    audienceKind: pick(f('audienceKind'), ['saved', 'labels', 'all'], 'saved'),
    audience: f('audience'),
    labels: [
      ...new Set(
        all('labels')
          .map((l) => l.trim())
          .filter((l) => l !== ''),
      ),
    ].sort(),
    mode: pick(f('mode'), ['now', 'at', 'monthly', 'weekdays', 'cron'], 'now'),
    date: f('date'),
    time: f('time') || '09:00',
    day: f('day') || '1',
    cron: f('cron'),
    measure: f('measure').trim(),
  }
}

export type Problem = {
  key: 'invalidFlexJson' | 'invalidDateTime' | 'invalidPreset' | 'noBudget'
  detail: string
}

/** `budget`: the current budget card (the route reads it; null before any upload). */
/**
 * `noGift`: the flows reminder with this broadcast's id in its pledge button, so presses are
 * counted per broadcast; without it (previews elsewhere) a plain-text reminder.
 */
export function toMessages(
  c: ComposeFields,
  budget: LineMessage[] | null = null,
  noGift: LineMessage[] | null = null,
): { template: TemplateKey; messages: LineMessage[] } | Problem {
  // Kept for the preview: each run of a budget broadcast renders the card current at that moment.
  if (c.content === 'budget')
    return budget
      ? { template: 'budget', messages: budget }
      : { key: 'noBudget', detail: 'no budget uploaded' }
  if (c.content === 'nogift')
    return { template: 'nogift', messages: noGift ?? [{ type: 'text', text: NO_GIFT_TEXT }] }
  if (c.content === 'text') return { template: 'text', messages: [{ type: 'text', text: c.text.trim() }] }
  let parsed: unknown
  try {
    parsed = JSON.parse(c.flex)
  } catch (err) {
    return { key: 'invalidFlexJson', detail: err instanceof Error ? err.message : String(err) }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { key: 'invalidFlexJson', detail: 'expected a JSON object' }
  }
  const o = parsed as Record<string, unknown>
  // A bare bubble or carousel is wrapped; its altText (LINE's notification text) is the title.
  const message = o.type === 'flex' ? o : { type: 'flex', altText: c.title.trim() || 'ประกาศ', contents: o }
  // checkMessages in the service judges the shape against LINE's limits.
  return { template: 'flex', messages: [message as unknown as LineMessage] }
}

const HHMM = /^(\d{1,2}):(\d{2})$/

export function toSchedule(
  c: ComposeFields,
  now: Date,
  tz: string,
): { runAt: Date; recurrence: string | null } | Problem {
  if (c.mode === 'now') return { runAt: now, recurrence: null }
  if (c.mode === 'at') {
    const at = zonedToUtc(c.date, c.time, tz)
    return at ? { runAt: at, recurrence: null } : { key: 'invalidDateTime', detail: `${c.date} ${c.time}` }
  }
  // A recurrence starts now; the service computes its first occurrence after that.
  if (c.mode === 'cron') return { runAt: now, recurrence: c.cron }
  const t = HHMM.exec(c.time)
  if (!t) return { key: 'invalidPreset', detail: c.time }
  const tod = { hour: Number(t[1]), minute: Number(t[2]) }
  const r =
    c.mode === 'monthly'
      ? presetToCron({ kind: 'monthly', day: Number(c.day), ...tod })
      : presetToCron({ kind: 'weekdays', ...tod })
  return r.ok ? { runAt: now, recurrence: r.cron } : { key: 'invalidPreset', detail: r.reason }
}

export const isProblem = (v: object): v is Problem => 'key' in v && 'detail' in v

/** The edit form's starting values: a recurrence shows as its cron expression. */
export function fieldsOf(
  b: BroadcastRow,
  wallClock: (d: Date) => { date: string; time: string },
): ComposeFields {
  const first = b.messages[0]
  const text = first?.type === 'text' ? first.text : ''
  const content: ContentKind =
    b.template === 'nogift' || b.template === 'flex' || b.template === 'budget' ? b.template : 'text'
  const at = wallClock(b.run_at)
  return {
    title: b.title,
    content,
    text,
    flex: content === 'flex' ? JSON.stringify(first, null, 2) : '',
    audienceKind: b.audience === ALL_FOLLOWERS ? 'all' : 'saved',
    audience: b.audience,
    labels: [],
    mode: b.recurrence ? 'cron' : 'at',
    date: at.date,
    time: at.time,
    day: '1',
    cron: b.recurrence ?? '',
    measure: b.measure ?? '',
  }
}
