// npm run api:token -- --org default --name "ระบบ e-Office"
// Creates a bearer token for /api/v1 and prints it once: only its SHA-256 is stored, so a lost
// token is replaced, never recovered. Stop the server first when it runs on embedded PGlite
// (one process per data directory).
import { parseArgs } from 'node:util'
import { createApiToken } from '../api/tokens.js'
import { parseConfig } from '../config.js'
import { createLogger } from '../core/logger.js'
import { openDatabase } from '../runtime/boot.js'

const usage = 'Usage: npm run api:token -- --org <slug> --name <what system uses it>'

async function main(): Promise<number> {
  let values: { org?: string; name?: string }
  try {
    values = parseArgs({
      options: { org: { type: 'string', default: 'default' }, name: { type: 'string' } },
    }).values
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${usage}`)
    return 2
  }
  const { org = 'default', name } = values
  if (!name) {
    console.error(usage)
    return 2
  }
  const parsed = parseConfig(process.env)
  if (!parsed.ok) {
    console.error(`Configuration error:\n  ${parsed.errors.join('\n  ')}`)
    return 1
  }
  const log = createLogger({ level: 'warn', write: (l) => process.stderr.write(`${l}\n`) })
  const opened = await openDatabase(parsed.config, log)
  try {
    const made = await opened.db
      .transaction()
      .execute((trx) => createApiToken(trx, new Date(), { orgId: org, name, createdBy: 'cli' }))
    if (!made.ok) {
      console.error(
        made.reason === 'no_org'
          ? `Not created: no organization "${org}"`
          : 'Not created: name must be 1–100 characters',
      )
      return 1
    }
    console.log(`Created API token "${made.row.name}" (${made.row.prefix}) for organization "${org}".`)
    console.log(`Token (shown once; send it as "Authorization: Bearer <token>"):\n  ${made.token}`)
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
