import { LANGS, type Lang, pick } from '../core/lang.js'
import type { MenuText, RichMenuDef } from './richmenu-def.js'

/**
 * One rich menu per language: the Thai one is every friend's default, the English one is linked
 * to each person who reads English (src/contacts/menus.ts). The upload points these aliases at
 * the menus it made, so the running bot finds the current English menu of a channel by asking
 * LINE (getRichMenuAlias) instead of keeping an id in the database: the upload needs no database
 * (README "Rich menu"), and an alias can never name a menu LINE no longer has.
 */
export const RICH_MENU_ALIASES: Readonly<Record<Lang, string>> = { th: 'menu-th', en: 'menu-en' }

/** LINE's rule for an alias id (line-openapi messaging-api.yml, CreateRichMenuAliasRequest). */
export const RICH_MENU_ALIAS_ID = /^[a-z0-9_-]{1,32}$/

/** The menus' names on LINE: the older menus of each name are deleted after an upload. */
export const menuName = (def: RichMenuDef, lang: Lang) => (lang === 'th' ? def.name : `${def.name}-en`)

/** A menu text in one language; one string is both languages'. */
export const menuText = (t: MenuText, lang: Lang): string => pick(t, lang)

/** How a problem names a text: `chatBarText` when both menus share it, `chatBarText.en` otherwise. */
export const textPath = (path: string, t: MenuText, lang: Lang) =>
  typeof t === 'string' ? path : `${path}.${lang}`

/**
 * Texts written once for both menus (files from before the menus were per language): accepted,
 * but the English menu then shows them as written, so the upload says which they are.
 */
export function sharedTexts(def: RichMenuDef): string[] {
  const out: string[] = []
  if (typeof def.chatBarText === 'string') out.push(`chatBarText "${def.chatBarText}"`)
  def.areas.forEach((area, i) => {
    const a = area.action
    if (a.type === 'message' && typeof a.text === 'string') out.push(`area ${i + 1} message text "${a.text}"`)
    if (a.type === 'postback' && typeof a.displayText === 'string') {
      out.push(`area ${i + 1} displayText "${a.displayText}"`)
    }
  })
  if (typeof def.image === 'string') out.push(`image ${def.image}`)
  return out
}

/** Every text a menu's message areas send, in every language (for the matcher and forms). */
export const messageTexts = (def: RichMenuDef): string[] =>
  def.areas.flatMap(({ action }) =>
    action.type === 'message' ? LANGS.map((l) => menuText(action.text, l)) : [],
  )
