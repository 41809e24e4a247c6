// Every rate the evidence shows is defined here, once: the pages, the print page, the public
// page, the CSV and the Excel file, the results table's "ผลการดำเนินงาน" line and the targets
// all take their figure from these functions, so one report never states two rates for one
// thing (README "What staff get in LINE", evidence).

/**
 * One place acknowledgments are counted in: a LINE group (its acknowledging members, and its
 * members as LINE last counted them) or the 1:1 chats (people who acknowledged there, and
 * everyone reached there). `reached` is null when it is not known (a group whose member count
 * LINE never gave).
 */
export interface AckCount {
  acked: number
  reached: number | null
}

/**
 * Acknowledgment rate: people who acknowledged ÷ people reached, over the places given (a unit's
 * groups, or every group and the 1:1 chats for the measure), as a fraction 0–1. A place counts
 * only where its reach is known; each place's acknowledgments are capped at its reach (member
 * counts drift as people come and go, and a place over 100 % only says its count is stale), so
 * the measure's rate is exactly its units' rows added up. Null where nothing is known to be reached.
 */
export function ackRate(places: readonly AckCount[]): number | null {
  let acked = 0
  let reached = 0
  for (const p of places) {
    if (p.reached === null || p.reached <= 0) continue
    reached += p.reached
    acked += Math.min(p.acked, p.reached)
  }
  return reached > 0 ? acked / reached : null
}

/** Mean quiz score: points scored ÷ points available in completed quizzes; null without one. */
export const quizScore = (scored: number, available: number): number | null =>
  available > 0 ? scored / available : null

/**
 * A rate as every page, file and target states it: a percentage with one decimal (0.4237 → 42.4).
 * Targets compare this figure, so "met" agrees with the number printed beside it.
 */
export const percent = (rate: number | null): number | null =>
  rate === null || !Number.isFinite(rate) ? null : Math.round(rate * 1000) / 10

/** "42.4" with its one decimal always written ("100.0"), for text. */
export const percentText = (rate: number | null): string | null => {
  const p = percent(rate)
  return p === null ? null : p.toFixed(1)
}
