import { expect, it } from 'vitest'
import { CHECK_TIMEOUT_MS, checkResult } from './result.js'

// Only in `.ci/run` (CI_STEPS=1): needs `npm ci` to have run, and the registry or its cache.
it('the lockfile installs on every platform the README names (scripts/npm-platforms.sh)', {
  timeout: CHECK_TIMEOUT_MS,
}, async () => {
  const r = await checkResult('platforms', ['bash', 'scripts/npm-platforms.sh'])
  expect(r.code, r.output).toBe(0)
  // What it checked, and what it could not, stays in CI's log.
  console.log(r.output)
})
