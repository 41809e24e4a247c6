import { expect, it } from 'vitest'
import { CHECK_TIMEOUT_MS, checkResult } from './result.js'

it('the code passes the linter and formatter (biome check .)', { timeout: CHECK_TIMEOUT_MS }, async () => {
  const r = await checkResult('lint', ['npx', 'biome', 'check', '.'])
  expect(r.code, r.output).toBe(0)
})
