import type { AddressInfo } from 'node:net'
import { PDFDocument } from '@cantoo/pdf-lib'
import { type ServerType, serve } from '@hono/node-server'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PASSWORD_A, seedAccount } from '../admin/helpers.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { openBrowser, type TestBrowser } from '../helpers/browser.js'
import { ScriptedLine, seedYear } from './report-seed.js'

// The printable page in real headless Chromium, over a year written into the real log by
// report-seed.ts and read through the real report service: the figures read from the rendered
// page against the hand-worked ones, and the PDF Chromium prints from it (A4, several pages).
// Glyph shapes are not checked: the test must hold whichever Thai font the machine has.

let t: TestApp
let server: ServerType
let base: string
let browser: TestBrowser

beforeAll(async () => {
  const line = new ScriptedLine()
  t = await createTestApp('pglite', { line })
  await seedYear(t, line)
  await seedAccount(t, 'default', 'auditor@agency.go.th', 'auditor', PASSWORD_A)
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  base = `http://localhost:${(server.address() as AddressInfo).port}`
  browser = await openBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  await t?.close()
})

async function signedIn(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 900, height: 1200 } })
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} ${page.url()}`)
  })
  await page.goto(`${base}/admin/login`)
  await page.fill('#email', 'auditor@agency.go.th')
  await page.fill('#password', PASSWORD_A)
  await page.click('#login')
  await page.waitForURL('**/admin/home')
  return { page, errors }
}

describe('the printable evidence page in Chromium', () => {
  test('tables, figures and charts on the page; A4 pages in the PDF', { timeout: 120_000 }, async () => {
    const { page, errors } = await signedIn()
    await page.goto(`${base}/admin/evidence/2569`)
    await page.click('#print-link')
    await page.waitForURL('**/admin/evidence/2569/print')

    expect(await page.textContent('#as-of')).toContain('ข้อมูล ณ วันที่ 30 ก.ย. 2569')
    expect(await page.locator('#results tr.measure-row').count()).toBe(5)
    // No Gift (report-seed.ts): a, b, c, d pledged, e read the declaration, h reported a gift;
    // 4 acknowledging people of 10 + 8 members reached and 3 followers.
    const nogift = page.locator('section.measure[data-measure="nogift"]')
    expect(await nogift.locator('.reach-line .people').textContent()).toBe('6')
    expect(await nogift.locator('.reach-line .ack-rate').textContent()).toBe('23.8%')
    // One bar per unit (and the 1:1 chats), drawn to scale: กองคลัง 3 of 10.
    const units = await nogift.locator('table.by-unit tr.unit').count()
    expect(units).toBe(3)
    expect(await nogift.locator('#ack-nogift rect.bar').count()).toBe(units)
    expect(await nogift.locator('table.by-unit tr[data-unit="กองคลัง"] .rate').textContent()).toBe('30.0%')
    const bar = await nogift.locator('#ack-nogift g[data-unit="กองคลัง"] rect.bar').boundingBox()
    const axis = await nogift.locator('#ack-nogift').boundingBox()
    const share = bar && axis ? bar.width / axis.width : 0
    expect(share).toBeGreaterThan(0.1)
    expect(share).toBeLessThan(0.3)
    // The reach curve: twelve months from October, ending at the people reached.
    const points = nogift.locator('#reach-nogift g.point')
    expect(await points.count()).toBe(12)
    expect(await points.first().getAttribute('data-month')).toBe('2025-10')
    expect(await points.last().getAttribute('data-total')).toBe('6')
    expect(await nogift.locator('table.month-strip tr.cumulative td').last().textContent()).toBe('6')
    expect(await nogift.locator('li.broadcast').count()).toBe(2)
    // FY2569's form has none of the ethics measure's items: the warning travels to paper too.
    expect(await page.locator('section[data-measure="ethics"] .outside-form').count()).toBe(1)

    const pdf = await PDFDocument.load(await page.pdf({ preferCSSPageSize: true }))
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(5)
    for (const p of pdf.getPages()) {
      const { width, height } = p.getSize()
      expect(Math.abs(width - 595.28)).toBeLessThan(2) // A4 portrait in points
      expect(Math.abs(height - 841.89)).toBeLessThan(2)
    }
    expect(errors).toEqual([]) // no CSP refusal of the style or the SVG
  })
})
