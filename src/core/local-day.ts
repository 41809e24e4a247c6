/** The calendar day at `date` in the time zone `tz`, as 'YYYY-MM-DD' (Christian era, for storage). */
export function localDay(date: Date, tz: string): string {
  // en-CA writes its dates as YYYY-MM-DD; the parts are read anyway, not the formatted string.
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(date)
    .reduce<Record<string, string>>((acc, p) => Object.assign(acc, { [p.type]: p.value }), {})
  return `${parts.year}-${parts.month}-${parts.day}`
}
