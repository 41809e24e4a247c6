import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PASSWORD_A } from '../admin/helpers.js'
import type { TestApp } from '../helpers/app.js'
import { openBrowser, type TestBrowser } from '../helpers/browser.js'
import { budgetApp, FIXTURES } from './helpers.js'

// The budget pages in real headless Chromium: a multipart upload through the plain form.

let t: TestApp
let server: ServerType
let base: string
let browser: TestBrowser

beforeAll(async () => {
  t = (await budgetApp('pglite')).t
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  base = `http://localhost:${(server.address() as AddressInfo).port}`
  browser = await openBrowser()
})

afterAll(async () => {
  await browser?.close()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  await t?.close()
})

describe('/admin/budget in Chromium', () => {
  test('a bad CSV shows the report; the workbook imports and shows its card as LINE does', {
    timeout: 60_000,
  }, async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } })
    const errors: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${m.text()} ${page.url()}`)
    })
    await page.goto(`${base}/admin/login`)
    await page.fill('#email', 'broadcaster@agency.go.th')
    await page.fill('#password', PASSWORD_A)
    await page.click('#login')
    await page.waitForURL('**/admin/home')
    await page.click('nav a[href="/admin/budget"]')
    await page.click('#upload-link')
    // The test clock is in FY 2570; these figures are FY 2569's.
    await page.selectOption('#fiscalYear', '2569')

    await page.setInputFiles('#file', {
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'ปีงบประมาณ,งวด,หน่วยงาน,แผนงาน,งบที่ได้รับจัดสรร,ก่อหนี้ผูกพัน,เบิกจ่าย,เป้าหมาย\n2569,Q1,กองคลัง,แผน,100,0,200,30%\n',
      ),
    })
    await page.click('#submit')
    await page.waitForSelector('#report')
    expect(await page.textContent('#report')).toContain('เบิกจ่ายมากกว่างบที่ได้รับจัดสรร')

    await page.setInputFiles('#file', `${FIXTURES}/budget-2569.xlsx`)
    await page.selectOption('#fiscalYear', '2569')
    await page.fill('#asOf', '2026-03-31')
    await page.click('#submit')
    await page.waitForSelector('#preview .lc-bubble')
    expect(await page.textContent('#preview')).toContain('สรุปงบประมาณ ปีงบประมาณ 2569')
    expect(await page.textContent('#total')).toContain('52,035,500.00')
    // The bar is drawn: its width comes from an inline style the page's CSP must allow.
    const widths = await page.$$eval('#preview .lc-box', (els) =>
      els.map((e) => (e as HTMLElement).style.width),
    )
    expect(widths).toContain('41.8%')
    await page.screenshot({ path: '/tmp/budget-version.png', fullPage: true })
    // The refused CSV's 422 is expected; nothing else (no CSP refusal) may be logged.
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([])
  })
})
