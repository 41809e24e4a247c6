import { normalizeForMatch } from '../conversation/normalize.js'
import { understandingOf } from '../conversation/understanding-cache.js'
import { LANGS } from '../core/lang.js'
import type { FormField } from '../flows/schema-dialogues.js'
import type { Flows } from '../flows/types.js'
import { messageTexts } from '../line/richmenu-lang.js'

// What, typed while a form waits for an answer, is a request to do something else (leave.ts
// asks whether to leave the form) rather than an answer:
// - a menu word, at any question: what the rich menu's message areas and the main menu's quick
//   replies send, and the words for the menu itself ("เมนู", "help");
// - where the answer is a choice, a date, a number, photos or the summary, also any message
//   that is exactly one of flows' keywords ("ประมวลจริยธรรม", "ช่องทางร้องเรียน"), small talk
//   aside. At a free-text question such a word may well be the answer ("ของขวัญ" as the item
//   received), so there only the menu words count.

const built = new WeakMap<object, Set<string>>()

/** The texts the menus send, in every language, normalized as typed text is. */
function menuWords(flows: Flows): Set<string> {
  const known = built.get(flows.intents)
  if (known) return known
  const words = new Set<string>()
  // What either language's menu sends (src/line/richmenu-lang.ts).
  for (const t of messageTexts(flows.richMenu)) words.add(t)
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) collect(x)
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>
      if (o.type === 'message' && typeof o.text === 'string') words.add(o.text)
      for (const x of Object.values(o)) collect(x)
    }
  }
  // The main menu's quick replies as each language shows them (flows `help`).
  for (const lang of LANGS)
    if (flows.has('help')) collect(flows.render('help', flows.samples, { chat: 'user', lang }))
  const help = flows.intents.find((i) => i.id === 'help')
  for (const k of [...(help?.keywords.th ?? []), ...(help?.keywords.en ?? [])]) words.add(k)
  const normalized = new Set([...words].map(normalizeForMatch).filter((w) => w.length > 0))
  built.set(flows.intents, normalized)
  return normalized
}

/** Small talk ("ขอบคุณ") is never a command: at a choice it gets the usual reminder. */
const smallTalk = (flows: Flows, intent: string) =>
  flows.intents.find((i) => i.id === intent)?.priority === 'low'

/**
 * Whether `text`, typed at this question (undefined: the summary), asks for something else.
 * Called only once the text was not taken as the answer, or, at a free-text question, first.
 */
export function isCommand(flows: Flows, text: string, field: FormField | undefined): boolean {
  const typed = normalizeForMatch(text)
  if (typed.length === 0) return false
  if (menuWords(flows).has(typed)) return true
  if (field?.type === 'text') return false
  const match = understandingOf(flows).match(text)
  return match?.exact === true && !smallTalk(flows, match.intent)
}
