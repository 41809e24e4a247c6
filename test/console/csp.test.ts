import { describe, expect, it } from 'vitest'
import { consoleCsp } from '../../src/console/http.js'

// One policy for console pages (console/http.ts); pages that preview LINE messages (a broadcast,
// a budget card) widen it by inline style attributes and https images only.

describe('the console content security policy', () => {
  it('no script, only the nonce stylesheet, forms to us, never framed', () => {
    const csp = consoleCsp('abc')
    for (const d of [
      "default-src 'none'",
      "script-src 'none'",
      "style-src 'nonce-abc'",
      "img-src 'self' data:",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ])
      expect(csp).toContain(d)
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('https:')
  })

  it('a preview adds inline style attributes and https images, and nothing for scripts', () => {
    const csp = consoleCsp('abc', { preview: true })
    expect(csp).toContain("style-src-attr 'unsafe-inline'")
    expect(csp).toContain("img-src 'self' data: https:")
    expect(csp).toContain("script-src 'none'")
    expect(csp.split('; ').filter((d) => d.startsWith('img-src'))).toHaveLength(1)
  })
})
