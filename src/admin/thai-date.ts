import { localDay as coreLocalDay } from '../core/local-day.js'
// Dates for Thai officials: Buddhist era, abbreviated Thai month, 24-hour clock, in the
// agency's time zone ("22 พ.ย. 2569 09:30 น."). Built from numeric parts rather than the th
// locale's own formatting, so the output does not depend on the runtime's ICU data.

export const MONTHS_TH = [
  'ม.ค.',
  'ก.พ.',
  'มี.ค.',
  'เม.ย.',
  'พ.ค.',
  'มิ.ย.',
  'ก.ค.',
  'ส.ค.',
  'ก.ย.',
  'ต.ค.',
  'พ.ย.',
  'ธ.ค.',
]
export const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const BUDDHIST_ERA_OFFSET = 543

const formatters = new Map<string, Intl.DateTimeFormat>()

function partsIn(date: Date, tz: string) {
  let f = formatters.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
    formatters.set(tz, f)
  }
  const parts = f.formatToParts(date)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? Number.NaN)
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') }
}

const pad = (n: number) => String(n).padStart(2, '0')

export function formatThaiDateTime(date: Date, tz = 'Asia/Bangkok'): string {
  const p = partsIn(date, tz)
  return `${p.day} ${MONTHS_TH[p.month - 1]} ${p.year + BUDDHIST_ERA_OFFSET} ${pad(p.hour)}:${pad(p.minute)} น.`
}

/** The English console keeps the Buddhist year, which officials quote in both languages. */
export function formatDateTimeEn(date: Date, tz = 'Asia/Bangkok'): string {
  const p = partsIn(date, tz)
  return `${p.day} ${MONTHS_EN[p.month - 1]} ${p.year + BUDDHIST_ERA_OFFSET} BE ${pad(p.hour)}:${pad(p.minute)}`
}

/** The calendar day in the agency's time zone, as 'YYYY-MM-DD' (Christian era, for storage). */
export function localDay(date: Date, tz = 'Asia/Bangkok'): string {
  return coreLocalDay(date, tz)
}

/** The wall-clock time in the agency's time zone, as 'HH:MM'. */
export function localTime(date: Date, tz = 'Asia/Bangkok'): string {
  const p = partsIn(date, tz)
  return `${pad(p.hour)}:${pad(p.minute)}`
}

/** '2026-11-22' → '22 พ.ย. 2569'. */
export function formatThaiDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  if (!y || !m || !d) return day
  return `${d} ${MONTHS_TH[m - 1]} ${y + BUDDHIST_ERA_OFFSET}`
}
