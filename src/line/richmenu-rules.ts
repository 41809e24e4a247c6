import type { messagingApi } from '@line/bot-sdk'
import type { RichMenuArea, RichMenuDef } from '../flows/types.js'
import { readImageInfo } from './image-size.js'

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

function areaProblems(area: RichMenuArea, at: string, size: RichMenuDef['size']): string[] {
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
  const th = area.label?.th ?? ''
  if (th.length === 0) p.push(`${at}: label.th is empty`)
  if (th.length > L.actionLabel) {
    p.push(`${at}: label.th has ${th.length} characters; LINE takes at most ${L.actionLabel}`)
  }
  const a = area.action
  const tooLong = (what: string, v: string, max: number) =>
    v.length === 0 || v.length > max ? [`${at}: ${what} must be 1–${max} characters, has ${v.length}`] : []
  if (a.type === 'postback') {
    p.push(...tooLong('postback data', a.data, L.postbackData))
    if (a.displayText !== undefined) p.push(...tooLong('displayText', a.displayText, L.displayText))
  } else if (a.type === 'message') {
    p.push(...tooLong('message text', a.text, L.messageText))
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

/** The rich menu object LINE takes, or every reason LINE would refuse the definition. */
export function toLineRichMenu(def: RichMenuDef): Checked<messagingApi.RichMenuRequest> {
  const L = RICH_MENU_LIMITS
  const p: string[] = []
  if (!SIZES.some(([w, h]) => def.size.width === w && def.size.height === h)) {
    p.push(`size must be 2500×1686 or 2500×843, is ${def.size.width}×${def.size.height}`)
  }
  if (def.name.length < 1 || def.name.length > L.name) p.push(`name must be 1–${L.name} characters`)
  if (def.chatBarText.length < 1 || def.chatBarText.length > L.chatBarText) {
    p.push(
      `chatBarText "${def.chatBarText}" has ${def.chatBarText.length} characters; LINE shows 1–${L.chatBarText}`,
    )
  }
  if (def.areas.length > L.areas) p.push(`${def.areas.length} areas; LINE takes at most ${L.areas}`)
  def.areas.forEach((area, i) => {
    p.push(...areaProblems(area, `area ${i + 1} (${area.label?.th ?? '?'})`, def.size))
  })
  if (p.length > 0) return { ok: false, problems: p }
  return {
    ok: true,
    value: {
      size: { width: def.size.width, height: def.size.height },
      selected: true,
      name: def.name,
      chatBarText: def.chatBarText,
      areas: def.areas.map((area) => ({
        bounds: { ...area.bounds },
        action: { ...area.action, label: area.label.th } as messagingApi.Action,
      })),
    },
  }
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
