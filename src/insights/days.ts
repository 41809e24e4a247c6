import { localDay } from '../core/time/index.js'

// LINE counts by its own days (UTC+9); the agency's day is another zone's. Days are 'YYYY-MM-DD'.

export const LINE_TIME_ZONE = 'Asia/Tokyo'

/** The LINE day a moment falls in. */
export const lineDayOf = (at: Date) => localDay(at, LINE_TIME_ZONE)

/** Midnight starting a LINE day. */
export const lineDayStart = (day: string) => new Date(`${day}T00:00:00+09:00`)
