// Calendar days as 'YYYY-MM-DD' (what rows store when they keep no time of day): arithmetic on
// the day itself, read at UTC midnight so no zone's offset or daylight saving moves it.

export const DAY_MS = 86_400_000

const at = (day: string) => Date.parse(`${day}T00:00:00Z`)

/** The day `n` days after `day` (before it when `n` is negative). */
export const addDays = (day: string, n: number) => new Date(at(day) + n * DAY_MS).toISOString().slice(0, 10)

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => Math.round((at(to) - at(from)) / DAY_MS)
