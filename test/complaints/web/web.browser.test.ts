import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { encode } from 'fast-png'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestApp, type TestApp } from '../../helpers/app.js'
import { openBrowser, type TestBrowser } from '../../helpers/browser.js'
import { enterNow } from '../file-case.js'
import { countRows, REPORT } from './helpers.js'

// A person on a phone opens the web form (as the rich menu does, in the external browser),
// reports with a photo, keeps the code and secret, then follows up and replies.

let t: TestApp
let server: ServerType
let base: string
let browser: TestBrowser

beforeAll(async () => {
  t = await createTestApp('pglite', { now: new Date() })
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await openBrowser()
})

afterAll(async () => {
  await browser?.close()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  await t?.close()
})

const png = Buffer.from(encode({ width: 4, height: 4, data: new Uint8Array(64).fill(200), channels: 4 }))

describe('web complaint form in Chromium', () => {
  test('fill the form, upload a photo, get a code and secret, follow up and reply', {
    timeout: 60_000,
  }, async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true })
    const problems: string[] = []
    page.on('pageerror', (e) => problems.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text())
    })
    page.on('request', (r) => {
      if (!r.url().startsWith(base)) problems.push(`request to ${r.url()}`)
    })
    await page.goto(`${base}/report?openExternalBrowser=1`)
    expect(await page.locator('h1').textContent()).toBe('ร้องเรียน/แจ้งเบาะแส')
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await page.check(`input[name="category"][value="${REPORT.category}"]`)
    await page.fill('#what', REPORT.what)
    await page.fill('#when', REPORT.when)
    await page.fill('#where', REPORT.where)
    await page.setInputFiles('#evidence', { name: 'photo.png', mimeType: 'image/png', buffer: png })
    await page.click('#submit')
    await page.waitForSelector('#case-code')
    const code = (await page.locator('#case-code').textContent()) ?? ''
    const secret = (await page.locator('#case-secret').textContent()) ?? ''
    expect(code).toMatch(/^C-\d{4}-[A-Z2-9]{6}$/)
    expect(await page.locator('#keep-safe').textContent()).toContain('ไม่บันทึกในอุปกรณ์ที่ใช้ร่วมกับผู้อื่น')
    // The filing waits, sealed with its photo, for the day's entry; it runs here and now.
    expect(await countRows(t, 'complaint_filing_files')).toBe(1)
    expect(await countRows(t, 'complaint_cases')).toBe(0)
    expect(await enterNow(t)).toEqual({ entered: 1, held: 0 })
    expect(await countRows(t, 'complaint_evidence')).toBe(1)

    await page.click('a[href="/report/follow"]')
    await page.fill('#code', code)
    await page.fill('#secret', secret)
    await page.click('#check')
    await page.waitForSelector('#case-status')
    expect(await page.locator('#case-status').textContent()).toBe('รับเรื่องแล้ว')
    expect(await page.locator('#evidence-count').textContent()).toBe('1')
    expect(page.url()).not.toContain(secret)
    await page.fill('#message', 'ขอเพิ่มเติมภาพหน้าห้องทำงาน')
    await page.setInputFiles('#evidence', { name: 'room.png', mimeType: 'image/png', buffer: png })
    await page.click('#send-reply')
    await page.waitForSelector('#notice')
    expect(await page.locator('#notice').textContent()).toBe(
      'ส่งถึงเจ้าหน้าที่แล้ว ข้อความและหลักฐานจะแสดงในเรื่องนี้หลังรอบบันทึกเวลา 00:30 น.',
    )
    // The reply too waits for the entry; after it, the case page shows it.
    expect(await countRows(t, 'complaint_messages')).toBe(0)
    expect(await enterNow(t)).toEqual({ entered: 1, held: 0 })
    await page.click('#switch-lang')
    expect(await page.locator('#case-status').textContent()).toBe('Received')
    expect(await page.locator('#thread').textContent()).toContain('ขอเพิ่มเติมภาพหน้าห้องทำงาน')
    expect(await page.locator('#evidence-count').textContent()).toBe('2')
    expect(problems).toEqual([])
    expect(await countRows(t, 'complaint_cases')).toBe(1)
    expect(await countRows(t, 'complaint_messages')).toBe(1)
  })
})
