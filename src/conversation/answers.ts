import { type Lang, pick } from '../core/lang.js'
import { defineMessages } from '../core/messages.js'
import type { GuideDef } from '../flows/schema-dialogues.js'
import { LIMITS } from '../line/limits.js'
import type { LineMessage } from '../line/port.js'
import type { Target } from './catalogue.js'
import { SENSITIVE_TOPICS } from './topics.js'

/**
 * What the bot says from an understanding (handlers.ts): one step of a guide as a short text
 * with the whole guide a tap away, and quick replies that offer the best guesses.
 */

type Chat = 'user' | 'group'
type QuickReplyItem = { type: 'action'; action?: Record<string, string> }

const answerWords = defineMessages({
  seeAll: ['ดูทั้งหมด', 'See all'],
})

const segmenter = new Intl.Segmenter('th', { granularity: 'grapheme' })

/** A button label within LINE's 20 characters, cut between letters (never inside a vowel mark). */
export function shortLabel(text: string, max: number = LIMITS.quickReplyLabel): string {
  if (text.length <= max) return text
  let out = ''
  for (const { segment } of segmenter.segment(text)) {
    if (out.length + segment.length > max - 1) break
    out += segment
  }
  return `${out.trimEnd()}…`
}

/** One card of a guide ("ข้อ 2/7: ซื่อสัตย์สุจริต …"), with a quick reply to the whole guide. */
export function renderStep(
  guideId: string,
  guide: GuideDef,
  index: number,
  lang: Lang,
  chat: Chat,
): LineMessage[] {
  const step = guide.steps[index]
  if (!step) return []
  const total = guide.steps.length
  const facts = (step.facts ?? []).map((f) => `• ${pick(f.label, lang)}: ${pick(f.value, lang)}`)
  const text = [
    `${pick(guide.title, lang)} (${index + 1}/${total})`,
    pick(step.title, lang),
    pick(step.body, lang),
    ...facts,
  ].join('\n')
  const all: Record<string, string> = {
    type: 'postback',
    label: answerWords(lang)('seeAll'),
    data: `action=guide&id=${encodeURIComponent(guideId)}`,
  }
  // In a group a tap posts nothing in the member's name.
  if (chat === 'user') all.displayText = pick(guide.title, lang)
  const items: QuickReplyItem[] = [{ type: 'action', action: all }]
  if (step.link)
    items.push({
      type: 'action',
      action: { type: 'uri', label: shortLabel(pick(step.link.label, lang)), uri: step.link.uri },
    })
  return [
    { type: 'text', text: text.slice(0, LIMITS.textUtf16), quickReply: { items } } as unknown as LineMessage,
  ]
}

/** A quick reply that offers a target: says its words, or posts what opens it. */
function offerItem(target: Target, lang: Lang, chat: Chat): QuickReplyItem {
  const label = shortLabel(pick(target.label, lang))
  if (target.offer.type === 'message') {
    return { type: 'action', action: { type: 'message', label, text: pick(target.offer.text, lang) } }
  }
  const action: Record<string, string> = { type: 'postback', label, data: target.offer.data }
  // In a group a tap posts nothing in the member's name.
  if (chat === 'user') action.displayText = pick(target.label, lang)
  return { type: 'action', action }
}

/**
 * The guesses as the first quick replies of `messages`' last message, before its own (the
 * menu's topics), within LINE's 13. In a group nothing about complaints is offered: a tap
 * there would tell everyone who wants to report.
 */
export function withGuesses(
  messages: LineMessage[],
  guesses: Target[],
  lang: Lang,
  chat: Chat,
): LineMessage[] {
  const offered = guesses.filter((t) => chat === 'user' || !SENSITIVE_TOPICS.has(t.topic)).slice(0, 3)
  const last = messages.at(-1) as (LineMessage & { quickReply?: { items: QuickReplyItem[] } }) | undefined
  if (!last || offered.length === 0) return messages
  const own = last.quickReply?.items ?? []
  const fresh = offered.map((t) => offerItem(t, lang, chat))
  const labels = new Set(fresh.map((i) => i.action?.label))
  const items = [...fresh, ...own.filter((i) => !labels.has(i.action?.label ?? ''))].slice(
    0,
    LIMITS.quickReplyItems,
  )
  return [...messages.slice(0, -1), { ...last, quickReply: { items } } as LineMessage]
}
