// npm run org:set -- --org default --name-th "…" --name-en "…" --short "…" [--logo logo.png]
// The agency's own name and logo (see org-set-command.ts). Stop the server first when it runs
// on embedded PGlite (one process per data directory).
import { open } from 'node:fs/promises'
import { inlineCleaner } from '../complaints/evidence/cleaner.js'
import { parseConfig } from '../config.js'
import { createLogger } from '../core/logger.js'
import { openDatabase } from '../runtime/boot.js'
import { orgSetCommand } from './org-set-command.js'

/** Reads at most `max` bytes: a larger file is reported by its size, never read whole. */
async function readBounded(path: string, max: number) {
  try {
    const f = await open(path, 'r')
    try {
      const { size } = await f.stat()
      if (size > max) return { size }
      const bytes = new Uint8Array(size)
      await f.read(bytes, 0, size, 0)
      return { bytes }
    } finally {
      await f.close()
    }
  } catch {
    return null
  }
}

async function main(): Promise<number> {
  const parsed = parseConfig(process.env)
  if (!parsed.ok) {
    console.error(`Configuration error:\n  ${parsed.errors.join('\n  ')}`)
    return 1
  }
  const log = createLogger({ level: 'warn', write: (l) => process.stderr.write(`${l}\n`) })
  const opened = await openDatabase(parsed.config, log)
  try {
    const deps = { db: opened.db, cleaner: inlineCleaner(), now: () => new Date(), readFile: readBounded }
    const r = await orgSetCommand(process.argv.slice(2), deps)
    for (const l of r.out) console.log(l)
    for (const l of r.err) console.error(l)
    return r.code
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
