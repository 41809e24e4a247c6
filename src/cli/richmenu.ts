/**
 * npm run richmenu:upload [-- --dry-run] [--flows DIR] [--force] [--org SLUG]
 *
 * Takes the rich menu from flows/ (richmenu.yaml), checks it against LINE's rules, draws its
 * image from the labels unless flows/ names one, and makes it every user's default menu,
 * replacing older menus of the same name. --dry-run stops before LINE and writes the image to
 * DATA_DIR/richmenu.png (or .jpg) for a look. --org uploads to that organization's own channel
 * (read from the database) with its own web form in `{{reportUrl}}`; without it, the
 * environment's channel and the default organization's form.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Config, parseConfig } from '../config.js'
import type { RichMenuDef } from '../flows/types.js'
import {
  checkRichMenuImage,
  createRichMenuClients,
  fillRichMenu,
  toLineRichMenu,
  uploadRichMenu,
} from '../line/richmenu.js'
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
  renderImage?: (def: RichMenuDef) => Promise<ImageResult>
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

async function menuImage(def: RichMenuDef, args: Args, deps: RichMenuCliDeps): Promise<ImageResult> {
  if (def.image) return readRichMenuImageFile(resolve(args.flowsDir, def.image))
  return (deps.renderImage ?? renderRichMenuImage)(def)
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
  const checked = toLineRichMenu(def)
  if (!checked.ok) {
    const head = `The rich menu "${def.name}" in ${args.flowsDir}/ breaks LINE's rules:`
    return fail(1, head, ...checked.problems.map((p) => `  - ${p}`))
  }
  out(
    `Rich menu "${def.name}": ${def.size.width}×${def.size.height}, ${def.areas.length} areas, chat bar "${def.chatBarText}"`,
  )
  const image = await menuImage(def, args, deps)
  if (!image.ok) return fail(1, image.problem)
  const imageProblems = checkRichMenuImage(image.image, def.size)
  if (imageProblems.length > 0) return fail(1, ...imageProblems.map((p) => `image: ${p}`))
  for (const w of image.warnings) err(`warning: ${w}`)
  const kb = Math.ceil(image.image.bytes.length / 1024)
  out(`  image: ${def.image ? def.image : 'drawn from the labels'} (${image.image.contentType}, ${kb} KB)`)

  if (args.dryRun) {
    const file = join(env.DATA_DIR, image.image.contentType === 'image/png' ? 'richmenu.png' : 'richmenu.jpg')
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, image.image.bytes)
    out(`  dry run: nothing sent to LINE; image written to ${file}`)
    return 0
  }
  if (image.warnings.length > 0 && !args.force) {
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
  const result = await uploadRichMenu(clients, def, image.image)
  if (!result.ok) {
    err(`Upload failed at "${result.step}": ${result.problems.join('; ')}`)
    if (!result.cleanedUp)
      err('  the half-made menu could not be deleted; remove it in LINE Official Account Manager')
    return 1
  }
  out(`  validated and created ${result.richMenuId}, image uploaded`)
  out('  set as the default menu for every user')
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
