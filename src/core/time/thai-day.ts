import { BE_OFFSET as BE, MONTHS_EN, MONTHS_TH } from './thai.js'

// A calendar day as Thai staff type it: "1 ธ.ค. 69", "1 ธันวาคม 2569", "01/12/2569", "1/12/69",
// "2026-12-01", with Thai or Arabic digits. Years of four digits from 2400 are Buddhist era, and
// two-digit years are too ("69" = 2569), as Thai forms write them; "ค.ศ." or "AD" marks a
// Christian-era year. A day without a year is the latest such day up to today.

/** Month names and abbreviations, with dots and spaces taken out, to their number. */
const MONTH_NAMES: ReadonlyMap<string, number> = new Map(
  [
    ['มค', 'มกราคม', 'มกรา'],
    ['กพ', 'กุมภาพันธ์', 'กุมภา'],
    ['มีค', 'มีนาคม', 'มีนา'],
    ['เมย', 'เมษายน', 'เมษา'],
    ['พค', 'พฤษภาคม', 'พฤษภา'],
    ['มิย', 'มิถุนายน', 'มิถุนา'],
    ['กค', 'กรกฎาคม', 'กรกฎา', 'กรกฏาคม'],
    ['สค', 'สิงหาคม', 'สิงหา'],
    ['กย', 'กันยายน', 'กันยา'],
    ['ตค', 'ตุลาคม', 'ตุลา'],
    ['พย', 'พฤศจิกายน', 'พฤศจิกา', 'พฤศจิ'],
    ['ธค', 'ธันวาคม', 'ธันวา'],
  ].flatMap((names, i) => {
    const en = (MONTHS_EN[i] ?? '').toLowerCase()
    const long = new Date(Date.UTC(2000, i, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' })
    return [...names, en, long.toLowerCase(), ...(i === 8 ? ['sept'] : [])].map((n) => [n, i + 1] as const)
  }),
)

const arabic = (s: string) => s.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50))
const pad = (n: number) => String(n).padStart(2, '0')

/** A year as written to the Christian-era year, or null. */
function fullYear(written: string, christian: boolean): number | null {
  const n = Number(written)
  if (written.length === 2) return christian ? 2000 + n : 2500 + n - BE
  if (written.length !== 4) return null
  if (christian || n < 2400) return n
  return n - BE
}

function isoOf(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200) return null
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}

/** A day and month without a year: the latest one not after today (a gift of "1 ธ.ค." last year). */
function latest(m: number, d: number, today: string | undefined): string | null {
  if (!today) return null
  const year = Number(today.slice(0, 4))
  const thisYear = isoOf(year, m, d)
  if (thisYear && thisYear <= today) return thisYear
  return isoOf(year - 1, m, d)
}

/**
 * The day typed, as 'YYYY-MM-DD' (Christian era), or null when it is not a real date in one of
 * the forms above. `today` ('YYYY-MM-DD') places a day typed without a year.
 */
export function parseThaiDay(raw: string, today?: string): string | null {
  let s = arabic(raw).trim().toLowerCase()
  s = s.replace(/^วันที่\s*/, '')
  const christian = /ค\.?\s?ศ\.?|\b(ad|ce)\b/.test(s)
  s = s
    .replace(/พ\.?\s?ศ\.?|ค\.?\s?ศ\.?|\b(ad|ce|be)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s)
  if (iso) {
    const y = fullYear(iso[1] ?? '', christian)
    return y === null ? null : isoOf(y, Number(iso[2]), Number(iso[3]))
  }
  const numeric = /^(\d{1,2}) ?[/.-] ?(\d{1,2})(?: ?[/.-] ?(\d+))?$/.exec(s)
  if (numeric) return dayOf(numeric[1], Number(numeric[2]), numeric[3])

  // Named months: "1 ธ.ค. 69", "1 ธันวาคม 2569", "1 dec 2026", "dec 1, 2026".
  const compact = s.replace(/[.,]/g, ' ').replace(/\s+/g, ' ').trim()
  const dayFirst = /^(\d{1,2}) ?([\u0e01-\u0e4ea-z ]+?) ?(\d+)?$/.exec(compact)
  if (dayFirst) return dayOf(dayFirst[1], monthOf(dayFirst[2]), dayFirst[3])
  const monthFirst = /^([a-z]+) (\d{1,2})(?: (\d+))?$/.exec(compact)
  if (monthFirst) return dayOf(monthFirst[2], monthOf(monthFirst[1]), monthFirst[3])
  return null

  function dayOf(d: string | undefined, m: number | null, y: string | undefined): string | null {
    if (d === undefined || m === null || m < 1 || m > 12) return null
    if (y === undefined) return latest(m, Number(d), today)
    const year = fullYear(y, christian)
    return year === null ? null : isoOf(year, m, Number(d))
  }
}

function monthOf(name: string | undefined): number | null {
  return MONTH_NAMES.get((name ?? '').replace(/\s+/g, '')) ?? null
}

/** How to type a day, shown with today's: "15 พ.ย. 69 หรือ 15/11/2569". */
export function dateExample(today: string, lang: 'th' | 'en' = 'th'): string {
  const [y = 2026, m = 1, d = 1] = today.split('-').map(Number)
  const be = y + BE
  const numeric = `${pad(d)}/${pad(m)}/${be}`
  return lang === 'en'
    ? `${numeric} (Buddhist era) or ${today}`
    : `${d} ${MONTHS_TH[m - 1]} ${String(be).slice(2)} หรือ ${numeric}`
}
