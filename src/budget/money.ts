// Money as integer satang (1 baht = 100 satang) in bigint: sums of a department's budget stay
// exact whatever their size, and no float ever touches a total. The database keeps numeric(16,2)
// baht, which both drivers return as a string ("1234.50"); these helpers convert at the edges.

const SATANG_PER_BAHT = 100n

/** n / d rounded half away from zero (bigint division truncates). */
export function roundDiv(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('division by zero')
  const negative = n < 0n !== d < 0n
  const [an, ad] = [n < 0n ? -n : n, d < 0n ? -d : d]
  const q = (an * 2n + ad) / (ad * 2n)
  return negative ? -q : q
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,2}))?$/

/** "1234.5" (plain digits, at most two decimals) → 123450n; null when it is not that. */
export function bahtToSatang(text: string): bigint | null {
  const m = DECIMAL.exec(text)
  if (!m) return null
  const satang = BigInt(m[2] ?? '0') * SATANG_PER_BAHT + BigInt((m[3] ?? '').padEnd(2, '0'))
  return m[1] ? -satang : satang
}

/** A spreadsheet's number (a double) to satang: Excel's float noise (0.1+0.2) rounds away. */
export function numberToSatang(n: number): bigint | null {
  if (!Number.isFinite(n) || Math.abs(n) > 1e13) return null
  return BigInt(Math.round(n * 100))
}

/** 123450n → "1234.50", the text a numeric column takes. */
export function satangToNumeric(satang: bigint): string {
  const sign = satang < 0n ? '-' : ''
  const abs = satang < 0n ? -satang : satang
  return `${sign}${abs / SATANG_PER_BAHT}.${String(abs % SATANG_PER_BAHT).padStart(2, '0')}`
}

/** What pg/PGlite return for numeric ("1234.5", "1234.50", "0") back to satang. */
export function numericToSatang(text: string): bigint {
  const [whole = '0', frac = ''] = text.split('.')
  const satang = BigInt(whole.replace('-', '')) * SATANG_PER_BAHT + BigInt(frac.padEnd(2, '0').slice(0, 2))
  return text.startsWith('-') ? -satang : satang
}

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** Hundredths as "1,234.56" (used for baht and for millions of baht). */
function hundredths(v: bigint): string {
  const sign = v < 0n ? '-' : ''
  const abs = v < 0n ? -v : v
  return `${sign}${group(String(abs / 100n))}.${String(abs % 100n).padStart(2, '0')}`
}

/** Exact baht: "12,345,678.50". */
export const formatBaht = (satang: bigint) => hundredths(satang)

/** Millions of baht to two decimals, as budget reports print them: "12.35". */
export const formatMillions = (satang: bigint) => hundredths(roundDiv(satang, 1_000_000n))

/** part / whole in tenths of a percent (375 = 37.5 %), rounded; null when whole is 0. */
export function tenthsOf(part: bigint, whole: bigint): number | null {
  return whole === 0n ? null : Number(roundDiv(part * 1000n, whole))
}

/** 375 → "37.5%"; -52 → "-5.2". */
export function formatTenths(t: number, suffix = '%'): string {
  const sign = t < 0 ? '-' : ''
  const abs = Math.abs(t)
  return `${sign}${Math.floor(abs / 10)}.${abs % 10}${suffix}`
}
