import { expect, it } from 'vitest'
import { CHECK_TIMEOUT_MS, checkResult } from './result.js'

it('the code passes the linter, formatter and import-boundary check (npm run lint)', {
  timeout: CHECK_TIMEOUT_MS,
}, async () => {
  const r = await checkResult('lint', ['npm', 'run', '--silent', 'lint'])
  expect(r.code, r.output).toBe(0)
})
