import type { messagingApi } from '@line/bot-sdk'
import type { Lang } from '../core/lang.js'
import { readImageInfo } from './image-size.js'
import type { RichMenuArea, RichMenuDef } from './richmenu-def.js'
import { menuName, menuText, textPath } from './richmenu-lang.js'

// LINE's rich menu rules (Messaging API reference: "Rich menu object", "Action objects",
// "Upload rich menu image").
export const RICH_MENU_LIMITS = {
  areas: 20,
  name: 300,
  chatBarText: 14,
  /** Read aloud by screen readers; LINE refuses longer. */
  actionLabel: 20,
  postbackData: 300,
  displayText: 300,
  messageText: 300,
  uri: 1000,
  imageBytes: 1024 * 1024,
} as const

const SIZES = [
  [2500, 1686],
  [2500, 843],
] as const
const URI_SCHEMES = /^(https?:\/\/|line:\/\/|tel:)/
/**
 * The placeholders a rich-menu uri may hold, filled by fillRichMenu(): PUBLIC_BASE_URL, and
 * the web complaint form of the organization the menu is uploaded for (`…/report/<org>`).
 */
const PUBLIC_BASE_URL = /\{\{\s*publicBaseUrl\s*\}\}/g
const REPORT_URL = /\{\{\s*reportUrl\s*\}\}/g
const HAS_BASE_URL = /\{\{\s*(publicBaseUrl|reportUrl)\s*\}\}/
const ANY_PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] }

function areaProblems(area: RichMenuArea, at: string, size: RichMenuDef['size'], lang: Lang): string[] {
  const L = RICH_MENU_LIMITS
  const p: string[] = []
  const { x, y, width, height } = area.bounds
  if (![x, y, width, height].every(Number.isInteger) || x < 0 || y < 0 || width < 1 || height < 1) {
    p.push(`${at}: bounds must be whole pixels, x and y ≥ 0, width and height ≥ 1`)
  } else if (x + width > size.width || y + height > size.height) {
    p.push(
      `${at}: bounds (x ${x}, y ${y}, ${width}×${height}) reach past the ${size.width}×${size.height} menu`,
    )
  }
  const label = area.label?.[lang] ?? ''
  if (label.length === 0) p.push(`${at}: label.${lang} is empty`)
  if (label.length > L.actionLabel) {
    p.push(`${at}: label.${lang} has ${label.length} characters; LINE takes at most ${L.actionLabel}`)
  }
  const a = area.action
  const tooLong = (what: string, v: string, max: number) =>
    v.length === 0 || v.length > max ? [`${at}: ${what} must be 1–${max} characters, has ${v.length}`] : []
  if (a.type === 'postback') {
    p.push(...tooLong('postback data', a.data, L.postbackData))
    if (a.displayText !== undefined) {
      const shown = menuText(a.displayText, lang)
      p.push(...tooLong(textPath('displayText', a.displayText, lang), shown, L.displayText))
    }
  } else if (a.type === 'message') {
    p.push(...tooLong(textPath('message text', a.text, lang), menuText(a.text, lang), L.messageText))
  } else if (a.type === 'uri') {
    // The placeholders are checked as the https:// URLs fillRichMenu() will put there.
    const uri = a.uri
      .replace(PUBLIC_BASE_URL, 'https://example.go.th')
      .replace(REPORT_URL, `https://example.go.th/report/${'x'.repeat(40)}`)
    p.push(...tooLong('uri', uri, L.uri))
    if (!URI_SCHEMES.test(uri)) p.push(`${at}: uri must start with https://, http://, line:// or tel:`)
    for (const m of uri.matchAll(ANY_PLACEHOLDER)) {
      p.push(`${at}: uri has {{${m[1]}}}; a rich-menu uri can only use {{publicBaseUrl}} or {{reportUrl}}`)
    }
  } else {
    p.push(`${at}: action type must be postback, message or uri`)
  }
  return p
}

/** The rich menu object LINE takes in one language (Thai unless told), or every reason LINE would refuse it. */
export function toLineRichMenu(def: RichMenuDef, lang: Lang = 'th'): Checked<messagingApi.RichMenuRequest> {
  const L = RICH_MENU_LIMITS
  const p: string[] = []
  if (!SIZES.some(([w, h]) => def.size.width === w && def.size.height === h)) {
    p.push(`size must be 2500×1686 or 2500×843, is ${def.size.width}×${def.size.height}`)
  }
  const name = menuName(def, lang)
  if (name.length < 1 || name.length > L.name) p.push(`name "${name}" must be 1–${L.name} characters`)
  const chatBar = menuText(def.chatBarText, lang)
  if (chatBar.length < 1 || chatBar.length > L.chatBarText) {
    p.push(
      `${textPath('chatBarText', def.chatBarText, lang)} "${chatBar}" has ${chatBar.length} characters; LINE shows 1–${L.chatBarText}`,
    )
  }
  if (def.areas.length > L.areas) p.push(`${def.areas.length} areas; LINE takes at most ${L.areas}`)
  def.areas.forEach((area, i) => {
    // Named by the Thai label in both menus, so a problem both share is said once.
    p.push(...areaProblems(area, `area ${i + 1} (${area.label?.th ?? '?'})`, def.size, lang))
  })
  if (p.length > 0) return { ok: false, problems: p }
  return {
    ok: true,
    value: {
      size: { width: def.size.width, height: def.size.height },
      selected: true,
      name,
      chatBarText: chatBar,
      areas: def.areas.map((area) => ({
        bounds: { ...area.bounds },
        action: lineAction(area, lang),
      })),
    },
  }
}

/** An area's action as LINE takes it in one language; its label is what LINE reads aloud. */
function lineAction(area: RichMenuArea, lang: Lang): messagingApi.Action {
  const a = area.action
  const label = area.label[lang]
  if (a.type === 'message') return { type: 'message', label, text: menuText(a.text, lang) }
  if (a.type === 'postback') {
    const shown = a.displayText === undefined ? {} : { displayText: menuText(a.displayText, lang) }
    return { type: 'postback', label, data: a.data, ...shown } as messagingApi.Action
  }
  return { type: 'uri', label, uri: a.uri } as messagingApi.Action
}

/**
 * Both menus as LINE takes them, or every reason LINE would refuse either. A problem of one
 * language names it (`label.en`, `chatBarText.en`); one both share is said once.
 */
export function toLineRichMenus(def: RichMenuDef): Checked<Record<Lang, messagingApi.RichMenuRequest>> {
  const th = toLineRichMenu(def, 'th')
  const en = toLineRichMenu(def, 'en')
  if (th.ok && en.ok) return { ok: true, value: { th: th.value, en: en.value } }
  const problems = [th, en].flatMap((r) => (r.ok ? [] : r.problems))
  return { ok: false, problems: [...new Set(problems)] }
}

export interface RichMenuImage {
  bytes: Uint8Array
  contentType: 'image/png' | 'image/jpeg'
}

/** PNG or JPEG, at most 1 MB, exactly the menu's size. */
export function checkRichMenuImage(image: RichMenuImage, size: RichMenuDef['size']): string[] {
  const info = readImageInfo(image.bytes)
  if (!info) return ['image is neither PNG nor JPEG']
  const p: string[] = []
  if (info.contentType !== image.contentType)
    p.push(`image is ${info.contentType}, labelled ${image.contentType}`)
  if (image.bytes.length > RICH_MENU_LIMITS.imageBytes) {
    p.push(`image is ${Math.ceil(image.bytes.length / 1024)} KB; LINE takes at most 1024 KB`)
  }
  if (info.width !== size.width || info.height !== size.height) {
    p.push(`image is ${info.width}×${info.height}, the menu is ${size.width}×${size.height}`)
  }
  return p
}

/** Where an organization's web complaint form lives: `/report` is the default organization's. */
export const reportPath = (org: string | undefined) =>
  org === undefined || org === 'default' ? '/report' : `/report/${encodeURIComponent(org)}`

/**
 * Puts PUBLIC_BASE_URL into the uris that ask for it: `{{publicBaseUrl}}/…` as is, and
 * `{{reportUrl}}` as the web form of `org` (each organization's menu opens its own form).
 * Flows are static data, the deployment's address is not. Without it, says what to set.
 */
export function fillRichMenu(
  def: RichMenuDef,
  vars: { publicBaseUrl: string | undefined; org?: string },
): Checked<RichMenuDef> {
  const base = vars.publicBaseUrl?.replace(/\/+$/, '')
  const p: string[] = []
  const areas = def.areas.map((area, i) => {
    if (area.action.type !== 'uri' || !HAS_BASE_URL.test(area.action.uri)) return area
    if (!base) {
      p.push(
        `area ${i + 1} (${area.label.th}): uri ${area.action.uri} needs PUBLIC_BASE_URL, the address the bot is served at (e.g. https://integrity.agency.go.th)`,
      )
      return area
    }
    const uri = area.action.uri
      .replace(REPORT_URL, `${base}${reportPath(vars.org)}`)
      .replace(PUBLIC_BASE_URL, base)
    return { ...area, action: { type: 'uri' as const, uri } }
  })
  return p.length > 0 ? { ok: false, problems: p } : { ok: true, value: { ...def, areas } }
}

/** Uris still holding a placeholder: never sent to LINE. */
export const unfilledUris = (def: RichMenuDef): string[] =>
  def.areas.flatMap((a, i) =>
    a.action.type === 'uri' && /\{\{/.test(a.action.uri)
      ? [`area ${i + 1} (${a.label.th}): uri ${a.action.uri} is not filled in`]
      : [],
  )
