/**
 * npm run richmenu:upload [-- --dry-run] [--flows DIR] [--force] [--org SLUG]
 *
 * Takes the rich menu from flows/ (richmenu.yaml) and makes two of it, a Thai one and an
 * English one, each checked against LINE's rules with its image drawn from its own labels
 * unless flows/ names one. The Thai menu becomes every user's default, the aliases menu-th and
 * menu-en name the two (the bot links the English one to each person who reads English), and
 * older menus of the same names are deleted. --dry-run stops before LINE and writes the images
 * to DATA_DIR/richmenu-th.png and richmenu-en.png (or .jpg) for a look. --org uploads to that
 * organization's own channel (read from the database) with its own web form in
 * `{{reportUrl}}`; without it, the environment's channel and the default organization's form.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Config, parseConfig } from '../config.js'
import { LANGS, type Lang } from '../core/lang.js'
import type { RichMenuDef } from '../flows/types.js'
import {
  checkRichMenuImage,
  createRichMenuClients,
  fillRichMenu,
  RICH_MENU_ALIASES,
  type RichMenuImage,
  sharedTexts,
  toLineRichMenus,
  uploadRichMenu,
} from '../line/richmenu.js'
import { menuText } from '../line/richmenu-lang.js'
import { SLUG } from '../orgs/service.js'
import { loadFlowsFromDir } from '../runtime/flows-fs.js'
import { type ImageResult, readRichMenuImageFile, renderRichMenuImage } from '../runtime/richmenu-image.js'
import { type OrgChannelLookup, orgChannelFromDb } from './org-channel.js'

export interface RichMenuCliDeps {
  argv: string[]
  env: Record<string, string | undefined>
  out: (line: string) => void
  err: (line: string) => void
  loadRichMenu?: (flowsDir: string) => RichMenuDef
  renderImage?: (def: RichMenuDef, lang: Lang) => Promise<ImageResult>
  /** An organization's own channel (tests replace the database lookup). */
  orgChannel?: (slug: string, config: Config) => Promise<OrgChannelLookup>
}

interface Args {
  dryRun: boolean
  force: boolean
  flowsDir: string
  /** Another organization than the default one, whose channel and form the menu is for. */
  org: string | null
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { dryRun: false, force: false, flowsDir: 'flows', org: null }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--dry-run') args.dryRun = true
    else if (a === '--force') args.force = true
    else if (a === '--flows' && argv[i + 1]) args.flowsDir = argv[++i] ?? 'flows'
    else if (a === '--org' && argv[i + 1]) {
      const org = argv[++i] ?? ''
      if (!SLUG.test(org)) return `--org ${org}: an organization slug is a-z, 0-9 and -, up to 40 characters`
      args.org = org === 'default' ? null : org
    } else
      return `unknown argument ${a}; usage: richmenu:upload [--dry-run] [--flows DIR] [--force] [--org SLUG]`
  }
  return args
}

const LANG_NAMES: Record<Lang, string> = { th: 'Thai', en: 'English' }

async function menuImage(
  def: RichMenuDef,
  lang: Lang,
  args: Args,
  deps: RichMenuCliDeps,
): Promise<ImageResult> {
  if (def.image) return readRichMenuImageFile(resolve(args.flowsDir, menuText(def.image, lang)))
  return (deps.renderImage ?? ((d, l) => renderRichMenuImage(d, { lang: l })))(def, lang)
}

/** Each language's image, checked; or the problems, each naming its menu. */
async function menuImages(
  def: RichMenuDef,
  args: Args,
  deps: RichMenuCliDeps,
): Promise<
  { ok: true; images: Record<Lang, RichMenuImage>; warnings: string[] } | { ok: false; problems: string[] }
> {
  const images: Partial<Record<Lang, RichMenuImage>> = {}
  const warnings = new Set<string>()
  const problems: string[] = []
  for (const lang of LANGS) {
    const r = await menuImage(def, lang, args, deps)
    if (!r.ok) {
      problems.push(`${LANG_NAMES[lang]} menu: ${r.problem}`)
      continue
    }
    for (const w of r.warnings) warnings.add(w)
    for (const p of checkRichMenuImage(r.image, def.size))
      problems.push(`${LANG_NAMES[lang]} menu image: ${p}`)
    images[lang] = r.image
  }
  if (problems.length > 0 || !images.th || !images.en) return { ok: false, problems }
  return { ok: true, images: { th: images.th, en: images.en }, warnings: [...warnings] }
}

const ORG_PROBLEMS: Record<Exclude<OrgChannelLookup['kind'], 'ok'>, (org: string) => string> = {
  unknown: (org) => `No organization "${org}" (see /admin/orgs).`,
  no_channel: (org) => `Organization "${org}" has no LINE channel of its own yet: set it at /admin/orgs.`,
  no_keys: (org) =>
    `APP_SECRET and DATA_ENCRYPTION_KEY must be set to read the LINE channel of organization "${org}".`,
}

/** Returns the exit code; prints what it checked and did. */
export async function runRichMenuCli(deps: RichMenuCliDeps): Promise<number> {
  const { out, err } = deps
  const fail = (code: number, ...lines: string[]) => {
    for (const l of lines) err(l)
    return code
  }
  const args = parseArgs(deps.argv)
  if (typeof args === 'string') return fail(2, args)
  const parsed = parseConfig(deps.env)
  if (!parsed.ok) return fail(1, ...parsed.errors.map((e) => `environment: ${e}`))
  const { line, env } = parsed.config
  if (!args.dryRun && line.kind !== 'line' && !args.org) {
    return fail(
      1,
      'LINE_CHANNEL_ACCESS_TOKEN and LINE_CHANNEL_SECRET must be set to upload (--dry-run checks without them).',
    )
  }
  let def: RichMenuDef
  try {
    def = (deps.loadRichMenu ?? ((dir) => loadFlowsFromDir(dir).richMenu))(args.flowsDir)
  } catch (e) {
    return fail(1, `${args.flowsDir}: ${(e as Error).message}`)
  }
  // Uris written `{{publicBaseUrl}}/…` or `{{reportUrl}}?…` in flows/ get this deployment's
  // address, the latter with the organization's own web form.
  const filled = fillRichMenu(def, {
    publicBaseUrl: env.PUBLIC_BASE_URL,
    ...(args.org ? { org: args.org } : {}),
  })
  if (filled.ok) def = filled.value
  else if (!args.dryRun) {
    return fail(1, 'Set PUBLIC_BASE_URL to upload this rich menu:', ...filled.problems.map((p) => `  - ${p}`))
  } else for (const p of filled.problems) err(`warning: ${p} (dry run: checked with a sample address)`)
  const checked = toLineRichMenus(def)
  if (!checked.ok) {
    const head = `The rich menu "${def.name}" in ${args.flowsDir}/ breaks LINE's rules:`
    return fail(1, head, ...checked.problems.map((p) => `  - ${p}`))
  }
  const bar = LANGS.map((l) => `"${menuText(def.chatBarText, l)}" (${LANG_NAMES[l]})`).join(', ')
  out(
    `Rich menu "${def.name}": ${def.size.width}×${def.size.height}, ${def.areas.length} areas, chat bar ${bar}`,
  )
  const shared = sharedTexts(def)
  if (shared.length > 0) {
    out('  note: one text for both menus, so the English menu shows it as written (write { th, en }):')
    for (const s of shared) out(`    - ${s}`)
  }
  const drawn = await menuImages(def, args, deps)
  if (!drawn.ok) return fail(1, ...drawn.problems)
  for (const w of drawn.warnings) err(`warning: ${w}`)
  for (const lang of LANGS) {
    const image = drawn.images[lang]
    const kb = Math.ceil(image.bytes.length / 1024)
    const from = def.image ? menuText(def.image, lang) : 'drawn from the labels'
    out(`  ${LANG_NAMES[lang]} image: ${from} (${image.contentType}, ${kb} KB)`)
  }

  if (args.dryRun) {
    await mkdir(env.DATA_DIR, { recursive: true })
    for (const lang of LANGS) {
      const image = drawn.images[lang]
      const file = join(env.DATA_DIR, `richmenu-${lang}.${image.contentType === 'image/png' ? 'png' : 'jpg'}`)
      await writeFile(file, image.bytes)
      out(`  dry run: nothing sent to LINE; ${LANG_NAMES[lang]} image written to ${file}`)
    }
    return 0
  }
  if (drawn.warnings.length > 0 && !args.force) {
    return fail(1, 'Not uploading a menu image with the warnings above (--force to upload anyway).')
  }
  let accessToken: string
  if (args.org) {
    const found = await (deps.orgChannel ?? orgChannelFromDb)(args.org, parsed.config)
    if (found.kind !== 'ok') return fail(1, ORG_PROBLEMS[found.kind](args.org))
    accessToken = found.accessToken
  } else if (line.kind === 'line') accessToken = line.accessToken
  else return 1 // checked above; this narrows the type
  const clients = createRichMenuClients({
    accessToken,
    apiBaseUrl: env.LINE_API_BASE_URL,
    dataApiBaseUrl: env.LINE_DATA_API_BASE_URL,
  })
  const result = await uploadRichMenu(clients, def, drawn.images)
  if (!result.ok) {
    const menu = result.lang ? ` (${LANG_NAMES[result.lang]} menu)` : ''
    err(`Upload failed at "${result.step}"${menu}: ${result.problems.join('; ')}`)
    if (result.cleanedUp) err('  nothing was left half-made: the menus people see are the ones from before')
    else err('  the half-made menus could not all be removed; check them in LINE Official Account Manager')
    return 1
  }
  const { th, en } = result.richMenuIds
  out(`  validated both, created ${th} (Thai) and ${en} (English), images uploaded`)
  out(`  aliases ${RICH_MENU_ALIASES.th} → ${th}, ${RICH_MENU_ALIASES.en} → ${en}`)
  out(
    '  the Thai menu is the default for every user; the bot shows the English one to people who read English',
  )
  out(
    result.deleted.length > 0
      ? `  deleted older "${def.name}" menus: ${result.deleted.join(', ')}`
      : '  no older menus to delete',
  )
  for (const w of result.warnings) err(`warning: ${w}`)
  return 0
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runRichMenuCli({
    argv: process.argv.slice(2),
    env: process.env,
    out: (l) => console.log(l),
    err: (l) => console.error(l),
  }).then(
    (code) => {
      process.exitCode = code
    },
    (e: unknown) => {
      console.error(e)
      process.exitCode = 1
    },
  )
}
