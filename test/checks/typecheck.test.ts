import { expect, it } from 'vitest'
import { CHECK_TIMEOUT_MS, checkResult } from './result.js'

it('the code typechecks (tsc -p .)', { timeout: CHECK_TIMEOUT_MS }, async () => {
  const r = await checkResult('typecheck', ['npx', 'tsc', '-p', '.'])
  expect(r.code, r.output).toBe(0)
})
