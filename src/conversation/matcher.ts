import type { IntentDef } from '../flows/types.js'
import type { IntentMatch, IntentMatcher } from './intents.js'
import { normalizeForMatch, prepare } from './normalize.js'

interface Keyword {
  intent: string
  text: string
  /** 2 for FAQ situations, 1 for topics, 0 for small talk: a higher rank wins first. */
  rank: number
  /** Position of the intent in flows, the last tie-breaker, so results never depend on Map order. */
  order: number
}

interface Candidate {
  keyword: Keyword
  at: number
}

/** Where the keyword occupies whole word segments of the message, or -1. */
function findOnBoundaries(text: string, cuts: Set<number>, keyword: string): number {
  for (let at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) {
    if (cuts.has(at) && cuts.has(at + keyword.length)) return at
  }
  return -1
}

const RANK = { high: 2, normal: 1, low: 0 } as const

/** Higher priority first (small talk last), then the longest keyword, then the earliest. */
function better(a: Candidate, b: Candidate): boolean {
  if (a.keyword.rank !== b.keyword.rank) return a.keyword.rank > b.keyword.rank
  if (a.keyword.text.length !== b.keyword.text.length) return a.keyword.text.length > b.keyword.text.length
  if (a.at !== b.at) return a.at < b.at
  return a.keyword.order < b.keyword.order
}

/**
 * Thai-first keyword matching. Thai has no spaces between words, so a plain substring test
 * would find "งบ" inside "สงบ"; instead a keyword matches only where it starts and ends on
 * word boundaries found by Intl.Segmenter. That is the "keyword's own segments occur as a
 * contiguous run of the message's segments" rule, made robust to the segmenter splitting a
 * phrase differently in context than alone (it is dictionary-driven).
 */
export function createIntentMatcher(intents: IntentDef[]): IntentMatcher {
  // Normalized once: the per-message cost is one segmentation plus an indexOf per keyword.
  const keywords: Keyword[] = intents.flatMap((intent, order) =>
    [...intent.keywords.th, ...intent.keywords.en]
      .map((k) => normalizeForMatch(k))
      .filter((text) => text.length > 0)
      .map((text) => ({ intent: intent.id, text, rank: RANK[intent.priority ?? 'normal'], order })),
  )
  const exact = new Map<string, string>()
  for (const k of keywords) if (!exact.has(k.text)) exact.set(k.text, k.intent)

  return {
    match(input: string): IntentMatch | null {
      const { text, cuts } = prepare(input)
      if (text.length === 0) return null
      const whole = exact.get(text)
      if (whole) return { intent: whole, exact: true, score: 1 }
      let best: Candidate | null = null
      for (const keyword of keywords) {
        if (keyword.text.length >= text.length) continue
        const at = findOnBoundaries(text, cuts, keyword.text)
        if (at < 0) continue
        const candidate = { keyword, at }
        if (!best || better(candidate, best)) best = candidate
      }
      if (!best) return null
      // Share of the message the keyword covers: 1 only for an exact command.
      return { intent: best.keyword.intent, exact: false, score: best.keyword.text.length / text.length }
    },
  }
}
