import { parseArgs } from 'node:util'
import type { Kysely } from 'kysely'
import { removeOrgLogo, setOrgProfile, storeOrgLogo } from '../admin/org-profile.js'
import type { EvidenceCleaner } from '../complaints/evidence/cleaner.js'
import type { Database } from '../db/schema.js'
import { type CleanLogo, cleanLogo, LOGO_MAX_BYTES, logoRefusal } from '../orgs/logo.js'
import { getOrg } from '../orgs/service.js'

// npm run org:set -- [--org <slug>] [--name-th …] [--name-en …] [--short …] [--logo <file>] [--no-logo]
// The agency's own name and logo, as an owner sets them at /admin/org. Options left out keep
// what is stored; `--name-en ""` or `--short ""` clears one. Without any, prints what is stored.
// The same checks as the console, each refusal in Thai then English; nothing is written unless
// all of it is accepted. Audited with actor "cli".

export const USAGE =
  'Usage: npm run org:set -- [--org <slug>] [--name-th <ชื่อไทย>] [--name-en <English name>] [--short <ชื่อย่อ>] [--logo <file.png|.jpg>] [--no-logo]'

export interface CommandDeps {
  db: Kysely<Database>
  cleaner: EvidenceCleaner
  now: () => Date
  /** The logo file's bytes, or null when it cannot be read or is larger than `max` (size given). */
  readFile: (path: string, max: number) => Promise<{ bytes: Uint8Array } | { size: number } | null>
}

export interface CommandResult {
  code: number
  out: string[]
  err: string[]
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      org: { type: 'string', default: 'default' },
      'name-th': { type: 'string' },
      'name-en': { type: 'string' },
      short: { type: 'string' },
      logo: { type: 'string' },
      'no-logo': { type: 'boolean', default: false },
    },
  })
}

const both = (r: { th: string; en: string }) => `  ${r.th}\n  ${r.en}`

export async function orgSetCommand(argv: string[], d: CommandDeps): Promise<CommandResult> {
  const res: CommandResult = { code: 0, out: [], err: [] }
  const fail = (code: number, ...lines: string[]) => ({ ...res, code, err: [...res.err, ...lines] })
  let args: ReturnType<typeof parse>
  try {
    args = parse(argv)
  } catch (e) {
    return fail(2, e instanceof Error ? e.message : String(e), USAGE)
  }
  const v = args.values
  if (v.logo !== undefined && v['no-logo'])
    return fail(2, '--logo and --no-logo together: choose one.', USAGE)
  const slug = v.org
  const org = await getOrg(d.db, slug)
  if (!org) return fail(1, `ไม่พบหน่วยงาน "${slug}" / No organization "${slug}"`)
  const naming = v['name-th'] !== undefined || v['name-en'] !== undefined || v.short !== undefined
  // The logo is checked before anything is written, so a refused one leaves the name as it was.
  let logo: CleanLogo | null = null
  if (v.logo !== undefined) {
    const read = await d.readFile(v.logo, LOGO_MAX_BYTES)
    if (read === null) return fail(1, `อ่านไฟล์ไม่ได้ / Cannot read the file: ${v.logo}`)
    const r =
      'size' in read
        ? { ok: false as const, refusal: logoRefusal('too_large', read.size) }
        : await cleanLogo(read.bytes, d.cleaner)
    if (!r.ok) return fail(1, 'ไม่ได้บันทึก / Not saved:', both(r.refusal))
    logo = r.logo
  }
  if (naming) {
    const input = {
      nameTh: v['name-th'] ?? org.nameTh,
      nameEn: v['name-en'] ?? org.nameEn,
      shortName: v.short ?? org.shortName,
    }
    const r = await d.db.transaction().execute((trx) => setOrgProfile(trx, d.now(), slug, null, input))
    if (r.kind === 'refused') return fail(1, 'ไม่ได้บันทึก / Not saved:', ...r.refusals.map(both))
    if (r.kind === 'not_found') return fail(1, `ไม่พบหน่วยงาน "${slug}" / No organization "${slug}"`)
    res.out.push('บันทึกชื่อหน่วยงานแล้ว / Name saved.')
  }
  if (logo) {
    await storeOrgLogo(d.db, d.now(), slug, null, logo)
    res.out.push('บันทึกโลโก้แล้ว / Logo saved.')
  }
  if (v['no-logo']) {
    const removed = await d.db.transaction().execute((trx) => removeOrgLogo(trx, d.now(), slug, null))
    res.out.push(removed ? 'ลบโลโก้แล้ว / Logo removed.' : 'ไม่มีโลโก้ให้ลบ / There was no logo.')
  }
  const now = await getOrg(d.db, slug)
  if (now) {
    res.out.push(
      `${now.slug}: ${now.nameTh} · ${now.nameEn || '—'} · ${now.shortName || '—'} · logo: ${now.logoVersion ? 'yes' : 'no'}`,
    )
  }
  return res
}
