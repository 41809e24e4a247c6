// npm's postinstall (package.json): makes the migrated embedded database that local mode's first
// start copies instead of creating one (src/runtime/pglite-seed.ts). Never fails the install: a
// start without a seed creates the database as before. ITA_PGLITE_SEED=0 skips it (the
// Dockerfile's build, whose image runs on PostgreSQL).
import { makeSeed } from '../runtime/pglite.js'

if (process.env.ITA_PGLITE_SEED === '0') process.exit(0)
const t0 = performance.now()
try {
  const { key, made } = await makeSeed()
  const s = ((performance.now() - t0) / 1000).toFixed(1)
  if (made) console.log(`Embedded database for local mode prepared in ${s} s (seed ${key}).`)
} catch (err) {
  console.warn(
    `Could not prepare the embedded database ahead (${err instanceof Error ? err.message : String(err)}); ` +
      'the first npm start will create it instead.',
  )
}
