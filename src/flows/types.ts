import type { LineMessage } from '../line/port.js'

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
   * "สวัสดีครับ ขอเมนูหน่อย" is a request for the menu, not a greeting.
   */
  priority?: 'normal' | 'low'
}

/** Who a rendered message is for: in groups, quick replies marked `groups: false` are left out. */
export interface RenderOptions {
  chat?: 'user' | 'group'
}

export interface Flows {
  intents: IntentDef[]
  /**
   * Ready-to-send message templates by key, with `{{name}}` placeholders filled by render().
   * Throws FlowsRenderError for an unknown key or a missing value. The keys the code renders
   * are listed in REQUIRED_MESSAGES (schema.ts); loading fails without them.
   */
  render(key: string, vars?: Record<string, string>, opts?: RenderOptions): LineMessage[]
  has(key: string): boolean
  /** Every message key, sorted: for previews and for tests that render them all. */
  keys(): string[]
  /** A sample value for every declared placeholder (flows `placeholders:`), for previews. */
  samples: Readonly<Record<string, string>>
  richMenu: RichMenuDef
}

export interface RichMenuArea {
  bounds: { x: number; y: number; width: number; height: number }
  label: { th: string; en: string }
  action:
    | { type: 'postback'; data: string; displayText?: string }
    | { type: 'message'; text: string }
    | { type: 'uri'; uri: string }
}

export interface RichMenuDef {
  name: string
  chatBarText: string
  size: { width: 2500; height: 1686 | 843 }
  areas: RichMenuArea[]
  /** Optional image in flows/ (PNG/JPEG); rendered from the labels when absent. */
  image?: string
}
