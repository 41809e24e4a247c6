import type { Localized } from '../core/lang.js'
import type { FaqDef, FormDef, GuideDef, QuizDef } from '../flows/schema-dialogues.js'
import { FAQ_INTENT, GUIDE_INTENT, type IntentDef } from '../flows/types.js'
import { LIMITS } from '../line/limits.js'
import type { SynonymDef } from './synonyms.js'
import { measureTopic, type Topic, topicOf } from './topics.js'

/**
 * Everything flows/ knows, as targets a message can be matched to, each with the phrases that
 * point at it: intents and their keywords, FAQ answers and the questions staff ask for them,
 * guides (title, summary, keywords), each step of a guide (an ethical standard, a hotline),
 * and the complaint categories. Built once when flows load.
 */

/** What understanding needs from flows: the loaded Flows has it all; a test may give less. */
export interface UnderstandingSource {
  intents: readonly IntentDef[]
  guides?: ReadonlyMap<string, GuideDef>
  faqs?: ReadonlyMap<string, FaqDef>
  forms?: ReadonlyMap<string, FormDef>
  quizzes?: ReadonlyMap<string, QuizDef>
  synonyms?: readonly SynonymDef[]
}

type Text = string | Localized

/** How a quick reply offers a target when the bot is unsure: what it says or posts. */
export type Offer = { type: 'message'; text: Text } | { type: 'postback'; data: string }

export interface Target {
  /** "budget", "faq:assets.damage", "guide:assets.it", "step:assets.it.2", "category:bribery". */
  id: string
  topic: Topic
  /** The registered handler that answers it (webhook/registry.ts). */
  intent: string
  label: Text
  offer: Offer
  /** 1 for FAQ answers (the most specific), less for topics, least for small talk. */
  rank: number
}

export type PhraseKind = 'keyword' | 'question' | 'title' | 'summary' | 'body' | 'category'

export interface PhraseSource {
  target: Target
  kind: PhraseKind
  text: string
}

/** The intent of a step answer: `step:<guide id>.<index>`. */
export const STEP_INTENT = 'step:'
/** Complaint sentences (not the keyword alone): offered the form, never filed from the sentence. */
export const COMPLAINT_OFFER_INTENT = 'complaint-offer'

const RANK = { high: 1, normal: 0.9, low: 0.75 } as const

const textsOf = (t: Text | undefined): string[] =>
  t === undefined ? [] : typeof t === 'string' ? [t] : [t.th, ...(t.en ? [t.en] : [])]

/** The first keyword when it fits a button, else the longest one that does ("ติดตามเรื่อง"). */
function fitting(words: string[]): string | undefined {
  const first = words[0]
  if (first === undefined || first.length <= LIMITS.quickReplyLabel) return first
  return (
    words.filter((w) => w.length <= LIMITS.quickReplyLabel).sort((a, b) => b.length - a.length)[0] ?? first
  )
}

/** The first keyword in each language: typed back by the quick reply, it is a command. */
const commandOf = (k: { th: string[]; en: string[] }): Localized => ({
  th: k.th[0] ?? '',
  ...(k.en[0] ? { en: k.en[0] } : {}),
})

const keywordLabel = (k: { th: string[]; en: string[] }): Localized => {
  const en = fitting(k.en)
  return { th: fitting(k.th) ?? '', ...(en ? { en } : {}) }
}

function intentPhrases(intent: IntentDef, target: Target): PhraseSource[] {
  return [
    ...[...intent.keywords.th, ...intent.keywords.en].map((text) => ({
      target,
      kind: 'keyword' as const,
      text,
    })),
    ...(intent.questions ?? []).map((text) => ({ target, kind: 'question' as const, text })),
  ]
}

/** Guides and FAQs come with their keywords in their own targets, richer than the intent's. */
function covered(src: UnderstandingSource, id: string): boolean {
  if (id.startsWith(GUIDE_INTENT)) return src.guides?.has(id.slice(GUIDE_INTENT.length)) ?? false
  if (id.startsWith(FAQ_INTENT)) return src.faqs?.has(id.slice(FAQ_INTENT.length)) ?? false
  return false
}

function fromIntents(src: UnderstandingSource, out: PhraseSource[]): void {
  for (const intent of src.intents) {
    if (covered(src, intent.id)) continue
    const target: Target = {
      id: intent.id,
      topic: topicOf(intent.id, intent.measure),
      intent: intent.id,
      label: keywordLabel(intent.keywords),
      offer: { type: 'message', text: commandOf(intent.keywords) },
      rank: RANK[intent.priority ?? 'normal'],
    }
    out.push(...intentPhrases(intent, target))
  }
}

function fromGuides(src: UnderstandingSource, out: PhraseSource[]): void {
  for (const [id, guide] of src.guides ?? []) {
    const topic = measureTopic(guide.measure)
    const whole: Target = {
      id: `${GUIDE_INTENT}${id}`,
      topic,
      intent: `${GUIDE_INTENT}${id}`,
      label: guide.title,
      offer: { type: 'postback', data: `action=guide&id=${encodeURIComponent(id)}` },
      rank: RANK.normal,
    }
    for (const text of [...(guide.keywords?.th ?? []), ...(guide.keywords?.en ?? [])]) {
      out.push({ target: whole, kind: 'keyword', text })
    }
    for (const text of textsOf(guide.title)) out.push({ target: whole, kind: 'title', text })
    for (const text of textsOf(guide.summary)) out.push({ target: whole, kind: 'summary', text })
    // The guide's closing card offers its quiz: "แบบทดสอบจริยธรรม" opens the guide.
    const quiz = guide.quiz ? src.quizzes?.get(guide.quiz) : undefined
    for (const text of textsOf(quiz?.title)) out.push({ target: whole, kind: 'title', text })
    guide.steps.forEach((step, i) => {
      const target: Target = {
        id: `${STEP_INTENT}${id}.${i}`,
        topic,
        intent: `${STEP_INTENT}${id}.${i}`,
        label: step.title,
        offer: { type: 'postback', data: `action=step&id=${encodeURIComponent(id)}&i=${i}` },
        rank: RANK.normal,
      }
      for (const text of textsOf(step.title)) out.push({ target, kind: 'title', text })
      for (const text of textsOf(step.body)) out.push({ target, kind: 'body', text })
      for (const f of step.facts ?? []) {
        const labels = textsOf(f.label)
        textsOf(f.value).forEach((value, j) => {
          out.push({ target, kind: 'body', text: `${labels[j] ?? labels[0] ?? ''} ${value}` })
        })
      }
    })
  }
}

function fromFaqs(src: UnderstandingSource, out: PhraseSource[]): void {
  for (const [id, faq] of src.faqs ?? []) {
    const target: Target = {
      id: `${FAQ_INTENT}${id}`,
      topic: measureTopic(faq.measure),
      intent: `${FAQ_INTENT}${id}`,
      label: faq.label ?? keywordLabel(faq.keywords),
      offer: { type: 'message', text: commandOf(faq.keywords) },
      rank: RANK.high,
    }
    for (const text of [...faq.keywords.th, ...faq.keywords.en]) out.push({ target, kind: 'keyword', text })
    for (const text of faq.questions ?? []) out.push({ target, kind: 'question', text })
    for (const text of textsOf(faq.label)) out.push({ target, kind: 'title', text })
    for (const text of textsOf(faq.answer)) out.push({ target, kind: 'body', text })
  }
}

/** The category question of each complaint form: "สินบน/เรียกรับเงิน" is a complaint. */
function fromCategories(src: UnderstandingSource, out: PhraseSource[]): void {
  for (const [formId, form] of src.forms ?? []) {
    if (measureTopic(form.measure) !== 'complaint') continue
    for (const field of form.fields) {
      if (field.type !== 'choice' || field.id !== 'category') continue
      for (const choice of field.choices) {
        if (choice.value === 'other') continue
        const target: Target = {
          id: `category:${choice.value}`,
          topic: 'complaint',
          intent: COMPLAINT_OFFER_INTENT,
          label: choice.label,
          offer: { type: 'postback', data: `action=form&id=${encodeURIComponent(formId)}` },
          rank: RANK.normal,
        }
        for (const label of textsOf(choice.label)) {
          // "สินบน/เรียกรับเงิน": each side of a slash is a way of saying it.
          for (const text of [label, ...label.split('/')]) out.push({ target, kind: 'category', text })
        }
      }
    }
  }
}

export function cataloguePhrases(src: UnderstandingSource): PhraseSource[] {
  const out: PhraseSource[] = []
  fromIntents(src, out)
  fromGuides(src, out)
  fromFaqs(src, out)
  fromCategories(src, out)
  return out
}
