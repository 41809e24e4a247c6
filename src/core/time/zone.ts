// One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one,
// and the day is asked for on every message (draft keys, the day's traces of handled events).
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    formatters.set(tz, f)
  }
  return f
}

/** The calendar day at `date` in the time zone `tz`, as 'YYYY-MM-DD' (Christian era, for storage). */
export function localDay(date: Date, tz: string): string {
  const parts: Record<string, string> = {}
  for (const p of formatterFor(tz).formatToParts(date)) parts[p.type] = p.value
  return `${parts.year}-${parts.month}-${parts.day}`
}
