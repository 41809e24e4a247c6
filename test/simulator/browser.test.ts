import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { LineMessage } from '../../src/line/port.js'
import { openBrowser, type TestBrowser } from '../helpers/browser.js'
import { createSimApp, type SimApp } from './helpers.js'

// The chat page in real headless Chromium (Debian's /usr/bin/chromium; CI installs it), against
// the app served on a random loopback port. Wording belongs to flows/: the assertions are on
// structure (bot bubbles, chips, members) and on the names the test itself typed.

let t: SimApp
let server: ServerType
let base: string
let browser: TestBrowser
const pageErrors: string[] = []
const dialogs: string[] = []

beforeAll(async () => {
  t = await createSimApp()
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

async function openPage(viewport = { width: 1200, height: 800 }): Promise<Page> {
  const page = await browser.newPage({ viewport })
  page.on('pageerror', (err) => pageErrors.push(err.message))
  page.on('dialog', async (d) => {
    dialogs.push(d.message())
    await d.dismiss()
  })
  await page.goto(`${base}/dev/chat`)
  return page
}

const botCount = (page: Page, n: number) =>
  page.waitForFunction((min) => document.querySelectorAll('#log .entry-bot').length >= min, n)

describe('/dev/chat in Chromium', () => {
  test('1:1: greeting, "เมนู" with quick reply chips, tapping a chip gets the next reply', {
    timeout: 60_000,
  }, async () => {
    const page = await openPage()
    await page.click('#personas button[data-name="สมชาย ใจดี"]')
    await botCount(page, 1)
    await page.fill('#text', 'เมนู')
    await page.click('#send')
    await page.waitForSelector('#log .bubble-user:text("เมนู")')
    await botCount(page, 2)

    const chips = page.locator('#log .row:last-child .lc-chip')
    expect(await chips.count()).toBeGreaterThan(0)
    // Chips of older replies are hidden, as in LINE.
    expect(await page.locator('#log .row:not(:last-child) .lc-quick:visible').count()).toBe(0)
    const chip = chips.first()
    const label = (await chip.textContent()) ?? ''
    const sent =
      (await chip.getAttribute('data-text')) ?? (await chip.getAttribute('data-display-text')) ?? label
    await chip.click()
    if (sent) await page.waitForSelector(`#log .bubble-user:text-is(${JSON.stringify(sent)})`)
    await botCount(page, 3)
    expect(pageErrors).toEqual([])
    await page.close()
  })

  test('group: two members, add the bot, the bot greets; a member speaks with @bot', {
    timeout: 60_000,
  }, async () => {
    const page = await openPage()
    await page.fill('#group-name', 'ฝ่ายการเงิน')
    await page.fill('#group-members', 'มานะ ขยันยิ่ง, ชูใจ ใฝ่ธรรม')
    await page.click('#create-group')
    await page.waitForSelector('#chat-head .title:has-text("ฝ่ายการเงิน")')
    expect(await page.locator('#chat-head .member').count()).toBe(2)
    expect(await page.locator('#speaker option').allTextContents()).toEqual(['มานะ ขยันยิ่ง', 'ชูใจ ใฝ่ธรรม'])

    await page.click('#bot-toggle')
    await botCount(page, 1)
    await page.selectOption('#speaker', { label: 'ชูใจ ใฝ่ธรรม' })
    await page.fill('#text', '@bot เมนู')
    await page.click('#send')
    await page.waitForSelector('#log .entry-user .who:text("ชูใจ ใฝ่ธรรม")')
    await botCount(page, 2)

    await page.fill('#add-member', 'ปิติ ยินดี')
    await page.press('#add-member', 'Enter')
    await page.waitForFunction(() => document.querySelectorAll('#chat-head .member').length === 3)
    expect(pageErrors).toEqual([])
    await page.close()
  })

  test('a datetime picker button sends a postback with params', { timeout: 60_000 }, async () => {
    const page = await openPage()
    await page.click('#personas button[data-name="สมชาย ใจดี"]')
    await page.waitForSelector('#log .entry-bot')
    const chat = t.sim.chats().find((c) => c.name === 'สมชาย ใจดี')
    const picker = {
      type: 'datetimepicker',
      label: 'เลือกวันคืน',
      data: 'action=noop-pick',
      mode: 'date',
      initial: '2026-12-01',
    }
    const body = {
      type: 'box',
      layout: 'vertical',
      contents: [{ type: 'button', style: 'primary', action: picker }],
    }
    // Built as LINE JSON, as flows/ would ship it; the SDK's types are stricter than the wire.
    const flex = {
      type: 'flex',
      altText: 'เลือกวัน',
      contents: { type: 'bubble', body },
    } as unknown as LineMessage
    await t.sim.line.push(chat?.id ?? '', [flex], { retryKey: crypto.randomUUID() })
    await page.click('#log .lc-button:has-text("เลือกวันคืน")')
    await page.fill('#picker-input', '2026-12-24')
    await page.click('#picker button[value="ok"]')
    await page.waitForSelector('#log .entry-postback .bubble-user:has-text("2026-12-24")')
    const last = t.sim.transcript.since(chat?.id ?? '').findLast((e) => e.kind === 'postback')
    expect(last).toMatchObject({ kind: 'postback', data: 'action=noop-pick', params: { date: '2026-12-24' } })
    await page.close()
  })

  test('bot content cannot run script in the page', { timeout: 60_000 }, async () => {
    const page = await openPage()
    await page.click('#personas button[data-name="สมหญิง รักงาน"]')
    await botCount(page, 1)
    const chat = t.sim.chats().find((c) => c.name === 'สมหญิง รักงาน')
    const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    await t.sim.line.push(chat?.id ?? '', [{ type: 'text', text: evil }], { retryKey: crypto.randomUUID() })
    await page.waitForSelector('#log .lc-text-message:has-text("onerror")')
    expect(await page.locator('#log img[src="x"]').count()).toBe(0)
    expect(dialogs).toEqual([])
    await page.close()
  })

  test('usable at phone width', { timeout: 60_000 }, async () => {
    const page = await openPage({ width: 390, height: 800 })
    await page.click('#personas button[data-name="มานะ ขยันยิ่ง"]')
    await botCount(page, 1)
    const box = await page.locator('#composer').boundingBox()
    expect(box?.width ?? 0).toBeLessThanOrEqual(390)
    expect((box?.y ?? 1000) + (box?.height ?? 0)).toBeLessThanOrEqual(800)
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(scrollWidth).toBeLessThanOrEqual(390)
    await page.close()
  })

  // Last: it reuses the first persona's chat, which the tests above expect to find fresh.
  test('a newcomer types at once: the page has opened a 1:1 chat with the first persona', {
    timeout: 60_000,
  }, async () => {
    const page = await openPage()
    await page.waitForSelector('#personas button.active')
    // "help" (not sent by any other test) and the menu's chips in a reply after it.
    await page.fill('#text', 'help')
    await page.press('#text', 'Enter')
    await page.waitForSelector('#log .row:has(.bubble-user:text-is("help")) ~ .row .lc-chip')
    expect(pageErrors).toEqual([])
    await page.close()
  })
})
