import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PASSWORD_A } from '../../admin/helpers.js'
import type { MemoryLine } from '../../fakes/memory-line.js'
import type { TestApp } from '../../helpers/app.js'
import { openBrowser, type TestBrowser } from '../../helpers/browser.js'
import { broadcastApp, runTick } from './broadcasts.fixture.js'

// The broadcast pages in real headless Chromium, without any script: plain forms only.

let t: TestApp
let server: ServerType
let base: string
let browser: TestBrowser
let line: MemoryLine

beforeAll(async () => {
  const made = await broadcastApp('pglite')
  t = made.t
  line = made.line
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

async function compose(page: Page, title: string, schedule: (p: Page) => Promise<void>) {
  await page.click('nav a[href="/admin/broadcasts"]')
  await page.click('#new-broadcast')
  await page.fill('#title', title)
  await page.check('input[name="content"][value="nogift"]')
  await page.check('input[name="audienceKind"][value="labels"]')
  await page.check('input[name="labels"][value="กองคลัง"]')
  await schedule(page)
  await page.click('#save')
  await page.waitForSelector('#preview .lc-messages')
}

describe('/admin/broadcasts in Chromium', () => {
  test('compose a No Gift reminder, schedule a minute ahead, tick, read the log, cancel another', {
    timeout: 60_000,
  }, async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } })
    const errors: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${m.text()} ${page.url()}`)
    })
    await page.goto(`${base}/admin/login`)
    await page.fill('#email', 'sender@agency.go.th')
    await page.fill('#password', PASSWORD_A)
    await page.click('#login')
    await page.waitForURL('**/admin/home')

    await compose(page, 'เตือน No Gift', async (p) => {
      await p.check('input[name="mode"][value="at"]')
      await p.fill('#date', '2026-11-22')
      await p.fill('#time', '10:01') // the test clock is 10:00 Bangkok
    })
    expect(await page.textContent('#preview')).toContain('นโยบายไม่รับของขวัญ')
    expect(await page.textContent('#quota')).toContain('ส่งถึง 1 กลุ่ม ใช้โควตาข้อความ 12 ข้อความจากโควตาเดือนนี้')
    await page.click('#schedule')
    await page.waitForSelector('text=ตั้งเวลาแล้ว')
    expect(await page.textContent('main')).toContain('22 พ.ย. 2569 10:01 น.')

    t.clock.advance(60_000)
    await runTick(t)
    await runTick(t)
    expect(line.calls.filter((c) => c.op === 'push')).toHaveLength(1) // the Flex reminder
    await page.goto(page.url().replace(/\/schedule$/, ''))
    await page.click('#runs a')
    const row = page.locator('tr.delivery')
    expect(await row.textContent()).toContain('ฝ่ายการเงิน')
    expect(await row.textContent()).toContain('ส่งแล้ว')

    await compose(page, 'สรุปงบรายเดือน', async (p) => {
      await p.check('input[name="mode"][value="weekdays"]')
      await p.fill('#time', '09:00')
    })
    await page.click('#schedule')
    await page.waitForSelector('#cancel')
    await page.click('#cancel')
    await page.waitForSelector('text=ยกเลิกกลับเป็นร่างแล้ว')
    await page.click('nav a[href="/admin/broadcasts"]')
    const list = await page.textContent('table')
    expect(list).toContain('ส่งแล้ว')
    expect(list).toContain('ร่าง')
    expect(errors).toEqual([])
  })
})
