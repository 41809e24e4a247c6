import { compactText } from './analyse.js'
import {
  COMPLAINT_OFFER_INTENT,
  cataloguePhrases,
  type Target,
  type UnderstandingSource,
} from './catalogue.js'
import { createPhraseIndex } from './ranking.js'
import { tellsOfSomeone } from './reports.js'
import { createSynonyms } from './synonyms.js'
import { FOLLOWUP_INTENT, SENSITIVE_TOPICS, type Topic } from './topics.js'

/**
 * Free text → the one thing flows/ knows that it asks about (README "What staff get in LINE").
 * Pure and synchronous, no database: the index is built once from flows (catalogue.ts,
 * ranking.ts); a message costs two segmentations, a synonym pass and a pass over the phrases.
 * The best target is answered when its score is CONFIDENT and no target of another topic is
 * within MARGIN of it; otherwise, from UNSURE, the best few are offered to choose from.
 */

export const CLARIFY_INTENT = 'clarify'

/** At or above: answer the best target. Below but at or above UNSURE: offer the best few. */
export const CONFIDENT = 0.55
export const UNSURE = 0.3
/** Below UNSURE but worth offering beside the menu when nothing better came up. */
export const GUESS = 0.25
/** Below this, a few shared letters and nothing more: not understood at all. */
const NOISE = 0.15
/** A runner-up of another topic this close makes the best one a guess. */
const MARGIN = 0.08

export interface Alternative {
  topic: Topic
  target: string
  confidence: number
}

export interface Understanding {
  /** The coarse topic of the best target (help when nothing matched: the menu is offered). */
  topic: Topic
  /** The best target ("faq:assets.damage"), or null when nothing matched. */
  target: string | null
  /** The handler to run: the target's when confident, CLARIFY_INTENT when unsure, else null. */
  intent: string | null
  /** 0–1. */
  confidence: number
  /** The whole message is one of flows' keywords: a command, even in a group. */
  exact: boolean
  /** The next best targets, best first (at most 3). */
  alternatives: Alternative[]
  /** About complaints (filing or following up): its outcome is never written next to the chat. */
  sensitive: boolean
  /** Asked as a question ("…คืออะไร", "…ได้ไหม", "?"). */
  question: boolean
}

export interface IntentMatch {
  intent: string
  exact: boolean
  score: number
}

export interface TextUnderstanding {
  understand(text: string): Understanding
  /** The intent of a confident understanding, or null: what a yes/no caller needs. */
  match(text: string): IntentMatch | null
  target(id: string): Target | undefined
}

/**
 * Asked as a question: a question word anywhere, or "?". Looked for in the text, not among
 * words: the segmenter cuts "ยังไง" into ยัง|ไง.
 */
const QUESTION =
  /(ไหม|มั้ย|มั๊ย|หรือไม่|หรือเปล่า|รึเปล่า|ป่าว|อะไร|ยังไง|ยังงัย|ทําไง|ทำไง|อย่างไร|เท่าไร|เท่าไหร่|ไหน|เมื่อไร|เมื่อไหร่|ใคร|ทำไม|กี่|บ้าง|คือ|หมายถึง|หรือยัง|[?？]|\b(what|how|can|may|where|when|who|why|is|are|do|does)\b)/i

/**
 * Receipt codes (src/core/receipt.ts: prefix, Buddhist year, six letters): "C-2569-7K3Q9M" is a
 * complaint's, "Q-…" an anonymous budget question's. The intents that follow each up.
 */
const RECEIPTS: readonly [RegExp, string][] = [
  [/(^|[^a-z0-9])c-\d{4}-[a-z0-9]{6}($|[^a-z0-9])/i, FOLLOWUP_INTENT],
  [/(^|[^a-z0-9])q-\d{4}-[a-z0-9]{6}($|[^a-z0-9])/i, 'question-followup'],
]
const receiptIn = (input: string): string | undefined => RECEIPTS.find(([re]) => re.test(input))?.[1]

export function createTextUnderstanding(src: UnderstandingSource): TextUnderstanding {
  const synonyms = createSynonyms(src.synonyms ?? [])
  const index = createPhraseIndex(cataloguePhrases(src), synonyms)
  const complaint = index.targets.get('complaint')

  /**
   * Someone in authority's conduct told as a statement (reports.ts) is a complaint before
   * what it is about: the complaint goes first, clearly, once the message says something the
   * bot knows (UNSURE); what it is about stays as the runner-up.
   */
  function reported(scores: [Target, number][], tells: boolean): [Target, number][] {
    const [top] = scores
    if (!tells || !complaint || !top || top[1] < UNSURE || SENSITIVE_TOPICS.has(top[0].topic)) return scores
    const rest = scores.filter(([t]) => t !== complaint)
    return [[complaint, Math.min(0.95, top[1] + MARGIN)], ...rest]
  }

  function understand(input: string): Understanding {
    const receipt = receiptIn(input)
    const original = compactText(input)
    const message = synonyms.rewrite(original)
    const question = QUESTION.test(input)
    const none: Understanding = {
      topic: 'help',
      target: null,
      intent: null,
      confidence: 0,
      exact: false,
      alternatives: [],
      sensitive: false,
      question,
    }
    if (message.text.length === 0) return none
    const followed = receipt ? index.targets.get(receipt) : undefined
    if (followed) {
      // A case or question code is only ever typed to follow it up.
      const sensitive = SENSITIVE_TOPICS.has(followed.topic)
      return {
        ...none,
        topic: followed.topic,
        target: followed.id,
        intent: followed.intent,
        confidence: 0.9,
        sensitive,
      }
    }
    const { scores: ranked, command } = index.rank(original, message)
    const scores = reported(ranked, tellsOfSomeone(original, question))
    // A report told is not a guess: the runner-up is what it is about.
    const told = scores !== ranked
    const [top, ...rest] = scores
    if (!top || top[1] < NOISE) return none
    const [target, score] = top
    const exact = command === target
    const rival = rest.find(([t]) => t.topic !== target.topic)
    // A close runner-up under another topic: the bot asks instead of guessing.
    const torn = !exact && !told && rival !== undefined && score - rival[1] < MARGIN && score < 0.95
    const confidence = exact ? 1 : torn ? Math.min(score, CONFIDENT - 0.01) : score
    const alternatives = rest
      .filter(([, q]) => q >= UNSURE * 0.8 && q >= score * 0.5)
      .slice(0, 3)
      .map(([t, q]) => ({ topic: t.topic, target: t.id, confidence: q }))
    const intent =
      confidence >= CONFIDENT
        ? target.intent === 'complaint' && !exact
          ? COMPLAINT_OFFER_INTENT
          : target.intent
        : confidence >= UNSURE
          ? CLARIFY_INTENT
          : null
    const offered = intent === CLARIFY_INTENT ? alternatives.map((a) => a.topic) : []
    const sensitive = !exact && [target.topic, ...offered].some((t) => SENSITIVE_TOPICS.has(t))
    return {
      topic: target.topic,
      target: target.id,
      intent,
      confidence,
      exact,
      alternatives,
      sensitive,
      question,
    }
  }

  return {
    understand,
    match(text) {
      const u = understand(text)
      if (!u.intent || u.intent === CLARIFY_INTENT) return null
      return { intent: u.intent, exact: u.exact, score: u.confidence }
    },
    target: (id) => index.targets.get(id),
  }
}
