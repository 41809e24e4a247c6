// npm run migrate — applies migrations/ to DATABASE_URL (or the embedded database in DATA_DIR)
// and exits. The server also migrates at start; run this first when deploying a new version
// to several instances, or before pointing a Worker at the database (Workers never migrate).
import { parseConfig } from '../config.js'
import { createLogger } from '../core/logger.js'
import { openDatabase } from '../runtime/boot.js'

const parsed = parseConfig(process.env)
if (!parsed.ok) {
  console.error(`Configuration error:\n  ${parsed.errors.join('\n  ')}`)
  process.exit(1)
}
const log = createLogger({ level: 'info', write: (l) => process.stdout.write(`${l}\n`) })
try {
  const opened = await openDatabase(parsed.config, log)
  await opened.close()
  console.log(`Migrations applied (${opened.kind}).`)
} catch (err) {
  console.error(`Migration failed: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
}
