import { describe, expect, it } from 'vitest'
import { OPERATIONS, openApiDocument } from '../../src/api/openapi.js'
import { apiRoutes } from '../../src/api/routes.js'

// /api/v1/docs is read off the OpenAPI document, so everything the document lists must show.
const page = async (query = '') => {
  const res = await apiRoutes().request(`http://localhost/docs${query}`)
  return { res, html: await res.text() }
}
const schemas = (openApiDocument().components as { schemas: Record<string, unknown> }).schemas

describe('GET /api/v1/docs', () => {
  it('Thai first, without a token: every operation with its Thai summary, the English beside', async () => {
    const { res, html } = await page()
    expect(res.status).toBe(200)
    expect(html).toMatch(/^<!doctype html><html lang="th">/)
    expect(html).toContain('API สำหรับระบบของหน่วยงาน (v1)')
    for (const op of OPERATIONS) {
      expect(html).toContain(
        `<span class="method">${op.method.toUpperCase()}</span> <code>/api/v1${op.path}</code>`,
      )
      expect(html).toContain(op.th)
    }
    expect(html).toContain('<a href="/docs?lang=en" hreflang="en" id="lang-switch">English</a>')
  })

  it('in English with ?lang=en, and back', async () => {
    const { html } = await page('?lang=en')
    expect(html).toMatch(/<html lang="en">/)
    expect(html).toContain('API for the agency&#39;s systems (v1)')
    for (const op of OPERATIONS) expect(html).toContain(op.summary.replaceAll("'", '&#39;'))
    expect(html).toContain('<a href="/docs?lang=th" hreflang="th" id="lang-switch">ภาษาไทย</a>')
  })

  it('a section per schema of the document, fields with what they accept', async () => {
    const { html } = await page('?lang=en')
    for (const name of Object.keys(schemas)) expect(html).toContain(`<section id="schema-${name}">`)
    const broadcast = html.slice(html.indexOf('<section id="schema-CreateBroadcast">'))
    expect(broadcast).toMatch(
      /<code>title<\/code><\/td><td><code>string<\/code><\/td><td>yes<\/td><td lang="en">min length 1; max length 200/,
    )
    expect(broadcast).toMatch(/<code>measure<\/code><\/td><td><code>string \| null<\/code><\/td><td>no<\/td>/)
    expect(broadcast).toContain('<a href="#schema-Schedule">Schedule</a>')
    expect(broadcast).toContain('Any other field is refused (400)')
    const preset = html.slice(html.indexOf('<section id="schema-Preset">'))
    expect(preset).toContain('Variant 5: <code>kind = &quot;monthly_last_day&quot;</code>')
    // Formats instead of their generated patterns, no bounds every integer has.
    const run = html.slice(html.indexOf('<section id="schema-Run">'))
    expect(run).toContain(
      '<code>scheduledFor</code></td><td><code>string</code></td><td>yes</td><td lang="en">format date-time</td>',
    )
    expect(run).not.toContain('9007199254740991')
  })

  it('errors name their status and the Problem schema', async () => {
    const { html } = await page()
    expect(html).toContain('<code>422</code> JSON ถูกต้องแต่ขัดกฎ')
    expect(html).toContain('<a href="#schema-Problem">Problem</a>')
    expect(html).toContain('<h4>พารามิเตอร์ในที่อยู่</h4><p><code>{id}</code>, <code>{runId}</code></p>')
  })
})

describe('GET /api/v1/docs: security', () => {
  it('a strict CSP: its own nonce-d style only, no script, nothing from another site', async () => {
    const { res, html } = await page()
    const csp = res.headers.get('content-security-policy') ?? ''
    const nonce = /style-src 'nonce-([^']+)'/.exec(csp)?.[1] ?? ''
    expect(nonce.length).toBeGreaterThan(15)
    expect(csp).toBe(
      `default-src 'none'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    )
    expect(html).toContain(`<style nonce="${nonce}">`)
    expect(html).not.toMatch(/<script|\bsrc=|https?:\/\/(?!&lt;host&gt;)/)
    // Another request, another nonce.
    const again = (await page()).res.headers.get('content-security-policy')
    expect(again).not.toBe(csp)
  })
})
