import { expect, it } from 'vitest'
import { CHECK_TIMEOUT_MS, checkResult } from './result.js'

// Only in `.ci/run` (CI_STEPS=1): a second `npm ci` in a clean directory, then the image's
// command on PostgreSQL until its HEALTHCHECK passes (README, "Self-hosting with Docker").
it("the Dockerfile's steps start a healthy bot (scripts/container-steps.ts)", {
  timeout: CHECK_TIMEOUT_MS,
}, async () => {
  const r = await checkResult('container', ['npx', 'tsx', 'scripts/container-steps.ts'])
  expect(r.code, r.output).toBe(0)
  // What it checked, and what it could not, stays in CI's log.
  console.log(r.output)
})
