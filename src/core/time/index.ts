// Time in one place (README, "How it works"): the agency's wall clock in a zone the caller
// passes (zone.ts), Thai and English dates in the Buddhist era (thai.ts), days as staff type them
// (thai-day.ts), fiscal years from 1 October (fiscal.ts), day arithmetic (days.ts). Callers pass
// `config.timeZone` (TZ_DEFAULT, src/config.ts); nothing here picks a zone itself.

export { addDays, DAY_MS, daysBetween } from './days.js'
export {
  fiscalBounds,
  fiscalMonth,
  fiscalMonths,
  fiscalYearOf,
  fiscalYearOfDay,
  fiscalYearRange,
  yearOfMonth,
} from './fiscal.js'
export {
  BE_OFFSET,
  formatDateTimeEn,
  formatDay,
  formatMonth,
  formatThaiDateTime,
  MONTHS_EN,
  MONTHS_TH,
} from './thai.js'
export { dateExample, parseThaiDay } from './thai-day.js'
export { hourIn, localDay, localTime, partsIn, type WallClockParts, wallClockIn, zonedToUtc } from './zone.js'
