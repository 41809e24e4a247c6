import type { Org } from './service.js'

// The agency's own name as staff and the public read it: Thai (required), English and a short
// name (optional). Set by an owner in the console (/admin/org) or by `npm run org:set`; shown in
// the console's header, the printed ITA report, the public page, the web complaint form and the
// bot's greeting. Checked here once for both, each refusal in words for the person.

import type { Lang } from '../core/lang.js'
import { defineMessages, type TranslatorOf } from '../core/messages.js'

/** The default organization's name until its owner sets one (migration 2026-11-22T0300). */
export const PLACEHOLDER_NAME_TH = 'หน่วยงาน'

export const NAME_MAX = 200
export const SHORT_MAX = 30

export interface ProfileInput {
  nameTh: string
  nameEn: string
  shortName: string
}

export type ProfileField = keyof ProfileInput

/** One refused field, Thai first, English beside it (the console picks one; the CLI prints both). */
export interface ProfileRefusal {
  field: ProfileField
  th: string
  en: string
}

const profileWords = defineMessages({
  // The fields, as a refusal names them.
  nameTh: ['ชื่อหน่วยงานภาษาไทย', 'The Thai name'],
  nameEn: ['ชื่อหน่วยงานภาษาอังกฤษ', 'The English name'],
  shortName: ['ชื่อย่อ', 'The short name'],
  required: ['กรุณากรอก{{field}}', '{{field}} is required.'],
  tooLong: [
    '{{field}}ยาว {{n}} ตัวอักษร เกินกำหนด {{max}} ตัวอักษร กรุณาย่อให้สั้นลง',
    '{{field}} has {{n}} characters, over the limit of {{max}}. Please shorten it.',
  ],
  markup: [
    '{{field}}ต้องไม่มีเครื่องหมาย < หรือ > (ระบบไม่รับโค้ด HTML หรือสคริปต์ในชื่อ)',
    '{{field}} may not contain < or > (no HTML or script in a name).',
  ],
  oneLine: [
    '{{field}}ต้องเป็นข้อความบรรทัดเดียว ไม่มีการขึ้นบรรทัดใหม่หรืออักขระควบคุม',
    '{{field}} must be a single line, without line breaks or control characters.',
  ],
})
const MAX: Record<ProfileField, number> = { nameTh: NAME_MAX, nameEn: NAME_MAX, shortName: SHORT_MAX }

// Names are shown as text everywhere (JSX escapes them), so markup would only ever appear as
// stray symbols on the agency's pages and in LINE; a name needs neither < nor >.
const MARKUP = /[<>]/
// One line: a line break or a control character would break headers, titles and the greeting.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/

type Say = (t: TranslatorOf<typeof profileWords>, field: string) => string

/** The refusal in both languages, each naming the field in its own. */
function refuse(field: ProfileField, say: Say): ProfileRefusal {
  const said = (lang: Lang) => {
    const t = profileWords(lang)
    return say(t, t(field))
  }
  return { field, th: said('th'), en: said('en') }
}

function check(field: ProfileField, value: string): ProfileRefusal | null {
  const max = MAX[field]
  if (field === 'nameTh' && value.length === 0) return refuse(field, (t, f) => t('required', { field: f }))
  if (value.length > max) return refuse(field, (t, f) => t('tooLong', { field: f, n: value.length, max }))
  if (MARKUP.test(value)) return refuse(field, (t, f) => t('markup', { field: f }))
  if (CONTROL.test(value)) return refuse(field, (t, f) => t('oneLine', { field: f }))
  return null
}

/** Trims each field and checks them all: every refused field is reported at once. */
export function checkProfile(
  input: ProfileInput,
): { ok: true; profile: ProfileInput } | { ok: false; refusals: ProfileRefusal[] } {
  const profile: ProfileInput = {
    nameTh: input.nameTh.trim(),
    nameEn: input.nameEn.trim(),
    shortName: input.shortName.trim(),
  }
  const fields: ProfileField[] = ['nameTh', 'nameEn', 'shortName']
  const refusals = fields.map((f) => check(f, profile[f])).filter((r) => r !== null)
  return refusals.length > 0 ? { ok: false, refusals } : { ok: true, profile }
}

/** The name a page in `lang` shows: the English one when there is one, else the Thai one. */
export const orgName = (org: Pick<Org, 'nameTh' | 'nameEn'>, lang: Lang): string =>
  lang === 'en' && org.nameEn ? org.nameEn : org.nameTh

/** Where the logo is served (orgs/logo-routes.ts); null without a logo. */
export const logoUrl = (org: Pick<Org, 'slug' | 'logoVersion'>): string | null =>
  org.logoVersion ? `/logo/${org.slug}?v=${encodeURIComponent(org.logoVersion)}` : null

/** What the pages show of the agency: its name in the page's language, short name, logo. */
export interface Brand {
  name: string
  shortName: string
  logoUrl: string | null
}

export const brandOf = (org: Org, lang: Lang): Brand => ({
  name: orgName(org, lang),
  shortName: org.shortName,
  logoUrl: logoUrl(org),
})

/**
 * The bot's greeting names the agency ({{orgName}} in Thai, {{orgNameEn}} in English, flows/
 * messages.yaml): its name with the short one in brackets when it has one.
 */
export function greetingVars(
  org: Pick<Org, 'nameTh' | 'nameEn' | 'shortName'> | null,
): Record<string, string> {
  if (!org) return { orgName: PLACEHOLDER_NAME_TH, orgNameEn: 'the agency' }
  const withShort = (name: string) => (org.shortName ? `${name} (${org.shortName})` : name)
  return { orgName: withShort(org.nameTh), orgNameEn: withShort(orgName(org, 'en')) }
}
