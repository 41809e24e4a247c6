import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PASSWORD_A } from '../../admin/helpers.js'
import { openBrowser, type TestBrowser } from '../../helpers/browser.js'
import { officerWorld, SENTINEL, type World } from './helpers.js'

// The officer's flow in real headless Chromium, no JavaScript on the pages: sign in, find the
// case in the list, open it, acknowledge it with a message, close it as substantiated.

let w: World
let server: ServerType
let base: string
let browser: TestBrowser

beforeAll(async () => {
  w = await officerWorld('pglite')
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: w.t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  base = `http://localhost:${(server.address() as AddressInfo).port}`
  browser = await openBrowser()
})

afterAll(async () => {
  await browser?.close()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  await w?.t.close()
})

describe('complaint officer in Chromium', () => {
  test('opens a case, acknowledges it with a message, closes it as substantiated', {
    timeout: 90_000,
  }, async () => {
    const c = await w.file({ notify: true })
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    await page.goto(`${base}/admin/login`)
    await page.fill('#email', 'officer-a@agency.go.th')
    await page.fill('#password', PASSWORD_A)
    await page.click('#login')
    await page.waitForURL('**/admin/home')

    await page.click('nav a[href="/admin/complaints"]')
    const row = page.locator(`tr.case[data-code="${c.code}"]`)
    expect(await row.textContent()).toContain('รับเรื่องแล้ว')
    expect(await page.textContent('main')).not.toContain(SENTINEL)
    await row.locator('a').click()
    await page.waitForSelector('#content')
    expect(await page.textContent('#content')).toContain(SENTINEL)

    await page.selectOption('#to', 'acknowledged')
    await page.fill('#status-message', 'รับเรื่องของท่านแล้ว อยู่ระหว่างดำเนินการ')
    await page.click('#save-status')
    await page.waitForSelector('text=บันทึกแล้ว')
    expect(await page.textContent('#case-status')).toContain('ตอบรับเรื่องแล้ว')
    expect(await page.textContent('#thread')).toContain('รับเรื่องของท่านแล้ว')

    await page.selectOption('#to', 'closed')
    await page.selectOption('#outcome', 'substantiated')
    await page.fill('#status-message', 'ผลการตรวจสอบพบว่ามีมูล')
    await page.click('#save-status')
    await page.waitForSelector('text=บันทึกแล้ว')
    expect(await page.textContent('#case-status')).toContain('ปิดเรื่อง (มีมูล)')
    expect(await page.locator('#status-form').count()).toBe(0)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

    const seen = await w.follow(c)
    expect(seen.kind === 'ok' && seen.view.messages.map((m) => m.text)).toEqual([
      'รับเรื่องของท่านแล้ว อยู่ระหว่างดำเนินการ',
      'ผลการตรวจสอบพบว่ามีมูล',
    ])
    expect(w.line.calls.filter((x) => x.op === 'push')).toHaveLength(2)
    expect(errors).toEqual([])
    await page.close()
  })
})
