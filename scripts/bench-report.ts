// npm run bench:report — the evidence report of a large agency's fiscal year (10,000 staff, 200
// groups, a million engagement events) on PostgreSQL, with the rollups (migration T1400) and,
// side by side in the same run, the same figures computed straight from engagement_events.
// Prints the median of each over BENCH_ROUNDS rounds, the target (< 1 s), OK/MISSED, and the
// ratio raw ÷ rollups.
import { sql } from 'kysely'
import { fixedClock } from '../src/core/clock.js'
import { createKeyring } from '../src/core/keyring.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { createPgDb } from '../src/db/pg.js'
import { reportCsv } from '../src/evidence/export-csv.js'
import { reportXlsx } from '../src/evidence/export-xlsx.js'
import { rawFigures } from '../src/evidence/raw-repository.js'
import { evidenceReport, itemRows, type ReportDeps, yearsOverview } from '../src/evidence/report.js'
import { rollupFigures } from '../src/evidence/repository.js'
import { loadFlowsFromDir } from '../src/runtime/flows-fs.js'
import { freshSchema } from './bench/pg.js'
import { BENCH_ORG, GROUPS, STAFF, seedReportYear } from './bench/report-seed.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const TARGET_MS = 1000
const FY = 2569

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

async function time(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await f()
  return performance.now() - t0
}

async function report(deps: ReportDeps) {
  const r = await evidenceReport(deps, BENCH_ORG, FY)
  if (r.kind !== 'ok') throw new Error(r.message.en)
  return r.report
}

/** What each route does end to end: the report, then its view or export. */
const TASKS: [string, (deps: ReportDeps) => Promise<unknown>][] = [
  ['evidenceReport (year)', (d) => report(d)],
  ['itemRows (per ITA item)', async (d) => itemRows(await report(d))],
  ['CSV export', async (d) => reportCsv(await report(d), 'th')],
  ['XLSX export', async (d) => reportXlsx(await report(d))],
  [
    'yearsOverview (10 years)',
    async (d) => {
      const r = await yearsOverview(d, BENCH_ORG, FY - 9, FY)
      if (r.kind !== 'ok') throw new Error(r.message.en)
    },
  ],
]

const url = await freshSchema('bench_report')
const db = createPgDb(url, { max: 10 })
try {
  const migrated = await migrateToLatest(db)
  if (!migrated.ok) throw new Error(migrated.error)
  const keyring = await createKeyring('bench-app-secret-bench-app-secret-0123', btoa('k'.repeat(32)))
  const seedStart = performance.now()
  const events = await seedReportYear(db, keyring)
  const seedSeconds = (performance.now() - seedStart) / 1000
  // What autovacuum does on a live database after a bulk load: statistics and the visibility map.
  await sql`vacuum analyze engagement_events, engagement_monthly, engagement_reach, engagement_first_reach,
    broadcast_runs, broadcast_deliveries`.execute(db)
  const rollupRows = await sql<{ t: string; n: number }>`
    select 'engagement_monthly' as t, count(*) as n from engagement_monthly union all
    select 'engagement_reach', count(*) from engagement_reach union all
    select 'engagement_first_reach', count(*) from engagement_first_reach`.execute(db)
  console.log(
    `seeded                ${events.toLocaleString('en-US')} events, ${STAFF} staff, ${GROUPS} groups in ${seedSeconds.toFixed(1)} s (rollups kept by the trigger)`,
  )
  console.log(
    `rollup rows           ${rollupRows.rows.map((r) => `${r.t} ${Number(r.n).toLocaleString('en-US')}`).join(', ')}`,
  )

  const base = {
    db,
    keyring,
    flows: loadFlowsFromDir('flows'),
    clock: fixedClock(new Date('2026-11-22T03:00:00Z')),
    timeZone: 'Asia/Bangkok',
  }
  const sources = { rollups: { ...base, figures: rollupFigures }, raw: { ...base, figures: rawFigures } }
  const times = new Map<string, { rollups: number[]; raw: number[] }>()
  for (const [name] of TASKS) times.set(name, { rollups: [], raw: [] })
  // One warm-up of each, then rounds alternating rollups and raw, so a slow spell hits both.
  for (const [, f] of TASKS) {
    await f(sources.rollups)
    await f(sources.raw)
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, f] of TASKS) {
      const t = times.get(name)
      t?.rollups.push(await time(() => f(sources.rollups)))
      t?.raw.push(await time(() => f(sources.raw)))
    }
  }
  console.log(
    `\nmedian of ${ROUNDS} rounds      rollups      raw log    raw ÷ rollups   target < ${TARGET_MS} ms`,
  )
  let missed = 0
  for (const [name, t] of times) {
    const a = median(t.rollups)
    const b = median(t.raw)
    const ok = a < TARGET_MS
    if (!ok) missed++
    console.log(
      `${name.padEnd(26)} ${a.toFixed(0).padStart(7)} ms ${b.toFixed(0).padStart(9)} ms ${(b / a).toFixed(1).padStart(10)}×   ${ok ? 'OK' : 'MISSED'}`,
    )
  }
  console.log(missed === 0 ? '\nOK: every report under 1 s' : `\nMISSED: ${missed} over 1 s`)
} finally {
  await db.destroy()
}
