import type { SynonymDef } from '../conversation/synonyms.js'
import type { Lang, Localized } from '../core/lang.js'
import type { LineMessage } from '../line/port.js'
import type { MenuText, RichMenuArea, RichMenuDef } from '../line/richmenu-def.js'
import type { CalendarEntry, FaqDef, FormDef, GuideDef, MeasureDef, QuizDef } from './schema-dialogues.js'
import type { ItaFormId, ItaItemDef } from './schema-measures.js'

/**
 * The contract between flows/ (content as data) and the code. The loader (load.ts) validates
 * the files and produces this; handlers only read it.
 */
export interface IntentDef {
  id: string
  /** Keywords and phrases, Thai first; matched on word segments (Intl.Segmenter 'th'). */
  keywords: { th: string[]; en: string[] }
  /**
   * 'low' for small talk (greetings, thanks): it wins only when no other intent matches, so
   * "สวัสดีครับ ขอเมนูหน่อย" is a request for the menu, not a greeting. 'high' is given to FAQ
   * answers: "โน้ตบุ๊กชำรุด" asks about damage, not for the notebook guide.
   */
  priority?: 'high' | 'normal' | 'low'
  /** The measure its use is evidence for. */
  measure?: string
  /** Questions as staff type them: matched as free text (src/conversation/), never as commands. */
  questions?: string[]
}

/**
 * Who a rendered message is for: in groups, quick replies marked `groups: false` are left out;
 * `lang` overrides the language of the Flows view it is rendered through.
 */
/** Both forms' items by code, as flows/ita-items.yaml lists them. */
export type ItaCatalogue = Readonly<Record<ItaFormId, ReadonlyMap<string, ItaItemDef>>>

/** A value for a placeholder: one text, or one per language (a date reads differently in each). */
export type RenderValue = string | Localized

export interface RenderOptions {
  chat?: 'user' | 'group'
  lang?: Lang
}

export interface Flows {
  intents: IntentDef[]
  /**
   * Ready-to-send message templates by key, with `{{name}}` placeholders filled by render().
   * Throws FlowsRenderError for an unknown key or a missing value. The keys the code renders
   * are listed in REQUIRED_MESSAGES (schema.ts); loading fails without them.
   */
  render(key: string, vars?: Record<string, RenderValue>, opts?: RenderOptions): LineMessage[]
  /** The language render() uses unless told otherwise: Thai for the loaded flows. */
  lang: Lang
  /** The same flows, rendering in `lang` by default (each event's handlers get the person's). */
  inLang(lang: Lang): Flows
  has(key: string): boolean
  /** Every message key, sorted: for previews and for tests that render them all. */
  keys(): string[]
  /** A sample value for every declared placeholder (flows `placeholders:`), for previews. */
  samples: Readonly<Record<string, string>>
  richMenu: RichMenuDef
  /** The agency's measures and the ITA items they answer; every piece below names one. */
  measures: readonly MeasureDef[]
  /** The ITA items of both assessment forms (flows/ita-items.yaml), by form and code. */
  itaItems: ItaCatalogue
  guides: ReadonlyMap<string, GuideDef>
  quizzes: ReadonlyMap<string, QuizDef>
  forms: ReadonlyMap<string, FormDef>
  faqs: ReadonlyMap<string, FaqDef>
  /** Seasonal reminders (No Gift Policy) that become default broadcasts. */
  calendar: readonly CalendarEntry[]
  /** Colloquial words and what they mean, for free-text understanding (flows `synonyms:`). */
  synonyms: readonly SynonymDef[]
}

/** Intents made from guides' and FAQs' keywords: `guide:<id>` and `faq:<id>`. */
export const GUIDE_INTENT = 'guide:'
export const FAQ_INTENT = 'faq:'

export type { MenuText, RichMenuArea, RichMenuDef }
