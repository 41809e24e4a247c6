import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { testKinds } from './test/helpers/kinds.js'
import LongFirstSequencer from './test/helpers/sequencer.js'

// Four projects (README, "Tests"): `unit` needs nothing but Node and answers in seconds
// (`npm run test:unit`); `db` runs against PGlite and PostgreSQL; `browser` drives Chromium;
// `workerd` runs the Worker in wrangler's workerd. `npm test` runs them all.
const kinds = testKinds('test')

const DB_SETUP = ['test/helpers/global-setup.ts']
const NODE_CLEANER = fileURLToPath(
  new URL('./test/complaints/evidence/fixtures/node-cleaner.ts', import.meta.url),
)
const EVIDENCE_CONTRACT = ['happy', 'errors', 'security', 'real-media'].map(
  (f) => `test/complaints/evidence/${f}.test.ts`,
)

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default leaves a core free (one worker on a 2-core machine); the tests spend
    // much of their time waiting on PostgreSQL, Chromium and child processes, so use them all.
    maxWorkers: '100%',
    reporters: ['./test/helpers/timings-reporter.ts', 'default'],
    sequence: { sequencer: LongFirstSequencer },
    projects: [
      // Pure code: one process per worker for all its files, as for `db`.
      { extends: true, test: { name: 'unit', include: kinds.unit, isolate: false } },
      {
        extends: true,
        // One test process serves many files: its database connections, PGlite and flows/ are
        // made once (test/helpers/db.ts, flows.ts) instead of once a file.
        test: { name: 'db', include: kinds.db, globalSetup: DB_SETUP, isolate: false },
      },
      // The evidence contract again, through Node's cleaner (worker threads, sharp): the suites'
      // `sanitizeEvidence` comes from test/complaints/evidence/fixtures/node-cleaner.ts.
      {
        extends: true,
        resolve: {
          alias: [{ find: /^(\.\.\/)+src\/complaints\/evidence\/index\.js$/, replacement: NODE_CLEANER }],
        },
        test: { name: 'evidence-node', include: EVIDENCE_CONTRACT, isolate: false },
      },
      // A module replaced with vi.mock stays replaced only in a process of its own.
      { extends: true, test: { name: 'db-isolated', include: kinds.dbIsolated, globalSetup: DB_SETUP } },
      // One process serves many files here too, and one Chromium (test/helpers/browser.ts).
      {
        extends: true,
        test: { name: 'browser', include: kinds.browser, globalSetup: DB_SETUP, isolate: false },
      },
      { extends: true, test: { name: 'workerd', include: kinds.workerd, globalSetup: DB_SETUP } },
      // Typecheck and lint, and in `.ci/run` (CI_STEPS=1) the install checks: scripts/test.sh runs
      // them beside vitest (scripts/checks.sh) and these files, taken last, wait for the results.
      {
        extends: true,
        test: {
          name: 'checks',
          include: kinds.checks.filter((f) => process.env.CI_STEPS === '1' || !f.includes('.ci.')),
        },
      },
    ],
  },
})
