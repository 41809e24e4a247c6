// npm run admin:create -- --org default --email someone@agency.go.th --role owner [--password-stdin]
// Creates an admin account and prints its one-time password (or takes one from stdin). The
// account must change it at first login. Stop the server first when it runs on embedded
// PGlite (one process per data directory).
import { parseArgs } from 'node:util'
import { createAccount } from '../admin/accounts.js'
import { parseConfig } from '../config.js'
import { ROLES } from '../console/session.js'
import { createLogger } from '../core/logger.js'
import { pbkdf2Hasher } from '../core/secret-hash.js'
import { openDatabase } from '../runtime/boot.js'

const usage = `Usage: npm run admin:create -- --org <slug> --email <e-mail> --role <${ROLES.join('|')}> [--password-stdin]`

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk))
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}

async function main(): Promise<number> {
  const parse = () =>
    parseArgs({
      options: {
        org: { type: 'string', default: 'default' },
        email: { type: 'string' },
        role: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
      },
    })
  let args: ReturnType<typeof parse>
  try {
    args = parse()
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${usage}`)
    return 2
  }
  const { org, email, role } = args.values
  if (!email || !role) {
    console.error(usage)
    return 2
  }
  const parsed = parseConfig(process.env)
  if (!parsed.ok) {
    console.error(`Configuration error:\n  ${parsed.errors.join('\n  ')}`)
    return 1
  }
  const password = args.values['password-stdin'] ? await readStdin() : undefined
  const log = createLogger({ level: 'warn', write: (l) => process.stderr.write(`${l}\n`) })
  const opened = await openDatabase(parsed.config, log)
  try {
    const made = await opened.db
      .transaction()
      .execute((trx) =>
        createAccount(trx, new Date(), { orgId: org, email, role, password }, null, pbkdf2Hasher().hash),
      )
    if (!made.ok) {
      const why: Record<typeof made.reason, string> = {
        invalid_email: 'invalid e-mail',
        invalid_role: `role must be one of ${ROLES.join(', ')}`,
        exists: 'an account with this e-mail exists',
        no_org: `no organization "${org}"`,
        too_short: 'password must have at least 12 characters',
      }
      console.error(`Not created: ${why[made.reason]}`)
      return 1
    }
    console.log(`Created ${role} ${email.trim().toLowerCase()} in organization "${org}".`)
    if (role === 'complaint_officer')
      console.log(
        'The grant is audited and announced to the other complaint officers (console banner now; LINE within a minute of the bot running).',
      )
    if (!password)
      console.log(`One-time password (shown once; must be changed at first login):\n  ${made.password}`)
    return 0
  } finally {
    await opened.close()
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : String(err))
    process.exit(1)
  },
)
