/**
 * Small-cell protection for published complaint statistics (ITA O29). The rules:
 *
 * 1. A count of 1–4 is shown as "<5" (primary suppression). 0 and counts of 5 or more are shown.
 *
 * 2. A breakdown of one fiscal year (by month, category, channel, outcome) always adds up to
 *    the year's total, and the year total is published (it is O29's headline figure; under 5
 *    it is itself "<5"). Coarsening the total under such a table would protect nothing —
 *    adding up any other breakdown of the same year gives it back — so the total is treated as
 *    known and the *cells* are protected against it: while some "<5" cell could be worked out
 *    to a single value from the total and the other cells, the smallest further cell (5 or
 *    more) that prevents it is withheld too, shown as "*" (complementary suppression). Since
 *    the breakdowns share nothing but that total, one protected breakdown cannot be used to
 *    undo another. When no choice of further cells prevents it (e.g. 1 and 5 with total 6),
 *    the whole breakdown is withheld ("—"), and so is any breakdown of a year under 5.
 *
 * 3. A total that is not otherwise published (the total over several years) is coarsened
 *    when it covers a "<5" cell: it is shown only as the range the shown cells already imply
 *    (one hidden year beside 30 shown → "31–34"), so it never tells more than the cells.
 */

export type Cell =
  | { kind: 'count'; n: number }
  | { kind: 'small' }
  | { kind: 'withheld' }
  | { kind: 'hidden' }

export const cellText = (c: Cell): string =>
  c.kind === 'count' ? String(c.n) : c.kind === 'small' ? '<5' : c.kind === 'withheld' ? '*' : '—'

const isSmall = (n: number) => n >= 1 && n <= 4

/**
 * Can a "<5" cell be pinned to one value? With the total known, the hidden cells add up to
 * `sum`; `k` of them are 1–4, `m` are 5 or more (without an upper bound).
 */
export function pinned(sum: number, k: number, m: number): boolean {
  const hi = Math.min(4, sum - (k - 1) - 5 * m)
  const lo = m > 0 ? 1 : Math.max(1, sum - 4 * (k - 1))
  return hi <= lo
}

/** One breakdown of a published total (rule 2). */
export function protectBreakdown(counts: readonly number[]): Cell[] {
  const total = counts.reduce((a, b) => a + b, 0)
  if (isSmall(total)) return counts.map(() => ({ kind: 'hidden' }))
  const small = counts.flatMap((n, i) => (isSmall(n) ? [i] : []))
  if (small.length === 0) return counts.map((n) => ({ kind: 'count', n }))
  const withheld = new Set<number>()
  const hiddenSum = () => [...small, ...withheld].reduce((a, i) => a + (counts[i] ?? 0), 0)
  while (pinned(hiddenSum(), small.length, withheld.size)) {
    const candidates = counts
      .flatMap((n, i) => (n >= 5 && !withheld.has(i) ? [{ n, i }] : []))
      .sort((a, b) => a.n - b.n || a.i - b.i)
    const last = candidates.at(-1)
    if (!last) return counts.map(() => ({ kind: 'hidden' }))
    const enough = candidates.find((c) => !pinned(hiddenSum() + c.n, small.length, withheld.size + 1))
    withheld.add((enough ?? last).i)
  }
  return counts.map((n, i) =>
    isSmall(n) ? { kind: 'small' } : withheld.has(i) ? { kind: 'withheld' } : { kind: 'count', n },
  )
}

/** Cells of totals not published elsewhere: "<5" for 1–4, the total coarsened when it covers one (rule 3). */
export function protectWithTotal(counts: readonly number[]): { cells: Cell[]; total: string } {
  const cells: Cell[] = counts.map((n) => (isSmall(n) ? { kind: 'small' } : { kind: 'count', n }))
  const shown = counts.filter((n) => !isSmall(n)).reduce((a, b) => a + b, 0)
  const k = counts.filter(isSmall).length
  if (k === 0) return { cells, total: String(shown) }
  const lo = shown + k
  const hi = shown + 4 * k
  return { cells, total: hi < 5 ? '<5' : `${lo}–${hi}` }
}
