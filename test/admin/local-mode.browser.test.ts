import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Simulator } from '../../src/simulator/simulator.js'
import type { TestApp } from '../helpers/app.js'
import { openBrowser, type TestBrowser } from '../helpers/browser.js'
import { PASSWORD_A, PASSWORD_B, seedAccount } from './helpers.js'
import { localModeApp, tickLocal } from './local-mode.fixture.js'

// The console in local mode, whole, in real headless Chromium: the simulator is the bot's
// LINE channel, so what the scheduler sends is watched arriving on the /dev/chat page itself.
// The console pages run without any script; /dev/chat runs its own.

let t: TestApp
let sim: Simulator
let server: ServerType
let base: string
let browser: TestBrowser
const errors: string[] = []

beforeAll(async () => {
  ;({ t, sim } = await localModeApp('pglite'))
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  // localhost, not 127.0.0.1: Chromium keeps the console's Secure `__Host-` cookies there.
  base = `http://localhost:${(server.address() as AddressInfo).port}`
  browser = await openBrowser()
})

afterAll(async () => {
  await browser?.close()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  await t?.close()
})

async function open(path: string, viewport = { width: 390, height: 800 }): Promise<Page> {
  const page = await browser.newPage({ viewport })
  page.on('pageerror', (e) => errors.push(`${e.message} ${page.url()}`))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} ${page.url()}`)
  })
  await page.goto(`${base}${path}`)
  // /dev/chat opens the first persona's chat by itself. Until it has, a chat the test opens
  // may be switched away from, and what it types sent elsewhere (or nowhere): the reply it
  // waits for then never shows.
  if (path === '/dev/chat') await page.waitForSelector('#personas button.active')
  return page
}

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

describe('local mode in Chromium: console → scheduler → simulated LINE group', () => {
  test('label a group, schedule a No Gift reminder a minute ahead, watch it reach the group on /dev/chat', {
    timeout: 120_000,
  }, async () => {
    // A LINE group on the simulator, with the bot invited: LINE's join event registers it.
    const chat = await open('/dev/chat', { width: 1200, height: 800 })
    await chat.fill('#group-name', 'ฝ่ายการเงิน')
    await chat.fill('#group-members', 'มานะ ขยันยิ่ง, ชูใจ ใฝ่ธรรม')
    await chat.click('#create-group')
    await chat.waitForSelector('#chat-head .title:has-text("ฝ่ายการเงิน")')
    await chat.click('#bot-toggle')
    await chat.waitForSelector('#log .entry-bot')
    await t.settle() // the group's name and member count are asked of LINE after the greeting

    const admin = await open('/admin/login')
    await admin.fill('#email', 'sender@agency.go.th')
    await admin.fill('#password', PASSWORD_A)
    await admin.click('#login')
    await admin.waitForURL('**/admin/home')
    await admin.click('nav a[href="/admin/groups"]')
    const row = admin.locator('tr.group', { hasText: 'ฝ่ายการเงิน' })
    expect(await row.textContent()).toContain('2 สมาชิก')
    await row.locator('input[name="labels"]').fill('กองคลัง')
    await row.locator('button[type="submit"]').click()
    await admin.waitForSelector('text=บันทึกแล้ว')

    await compose(admin, 'เตือน No Gift', async (p) => {
      await p.check('input[name="mode"][value="at"]')
      await p.fill('#date', '2026-11-22')
      await p.fill('#time', '10:01') // the app clock reads 10:00 Bangkok
    })
    expect(await admin.textContent('#quota')).toContain('ส่งถึง 1 กลุ่ม ใช้โควตาข้อความ 2 ข้อความจากโควตาเดือนนี้')
    await admin.click('#schedule')
    await admin.waitForSelector('p.msg[role="status"]:has-text("ตั้งเวลาแล้ว")')
    expect(new URL(admin.url()).pathname).toMatch(/^\/admin\/broadcasts\/[0-9a-f-]{36}$/) // redirected
    expect(await admin.textContent('main')).toContain('22 พ.ย. 2569 10:01 น.')
    await admin.reload() // a GET: nothing is resubmitted, and the message was for once only
    expect(await admin.locator('p.msg[role="status"]').count()).toBe(0)
    const detailUrl = admin.url()

    expect(await tickLocal(t)).toMatchObject({ sent: 0 }) // not due yet
    t.clock.advance(60_000)
    expect(await tickLocal(t)).toMatchObject({ sent: 1 })
    expect(await tickLocal(t)).toMatchObject({ sent: 0 }) // a second tick sends nothing again

    // The chat page polls the simulator: the reminder appears in the group, pushed by the bot.
    // (Its join greeting, a reply, names the No Gift Policy too: match the push only.)
    const reminder = '#log .entry-bot:has(.who:has-text("push")):has-text("นโยบายไม่รับของขวัญ")'
    await chat.waitForSelector(reminder)
    expect(await chat.locator(reminder).count()).toBe(1)
    const group = sim.chats().find((c) => c.name === 'ฝ่ายการเงิน')
    const pushes = sim.transcript.since(group?.id ?? '').filter((e) => e.kind === 'bot' && e.via === 'push')
    expect(pushes).toHaveLength(1)

    // A member acknowledges in the group: the press is counted under this broadcast.
    const broadcastId = new URL(detailUrl).pathname.split('/').pop() ?? ''
    // Quiet groups (README): recorded without a message to everyone in the group.
    await chat.locator('#log [data-label="รับทราบและร่วมปฏิบัติ"]').last().click()
    const pledges = () =>
      t.deps.db.selectFrom('engagement_events').selectAll().where('kind', '=', 'pledge').execute()
    await expect.poll(async () => (await pledges()).length, { timeout: 10_000 }).toBe(1)
    expect((await pledges()).map((p) => [p.ref_type, p.ref_id, p.measure])).toEqual([
      ['broadcast', broadcastId, 'nogift'],
    ])
    expect(await chat.locator('#log .entry-bot:has-text("ขอบคุณที่ร่วมแสดงเจตนารมณ์")').count()).toBe(0)

    await admin.goto(detailUrl)
    await admin.click('#runs a')
    const delivery = admin.locator('tr.delivery')
    expect(await delivery.textContent()).toContain('ฝ่ายการเงิน')
    expect(await delivery.textContent()).toContain('(กองคลัง)')
    expect(await delivery.textContent()).toContain('ส่งแล้ว')
    expect(await admin.textContent('#deliveries')).not.toContain(group?.id ?? 'no group')

    // Another broadcast: a test to a simulated person first, then scheduled and cancelled.
    await compose(admin, 'สรุปงบรายเดือน', async (p) => {
      await p.check('input[name="mode"][value="weekdays"]')
      await p.fill('#time', '09:00')
    })
    await admin.selectOption('#test-persona', 'สมหญิง รักงาน')
    await admin.click('#test-simulator')
    await admin.waitForSelector('text=ส่งทดสอบแล้ว ดูได้ที่หน้าจำลองแชต')
    await chat.click('#personas button[data-name="สมหญิง รักงาน"]')
    await chat.waitForSelector('#log .entry-bot:has-text("นโยบายไม่รับของขวัญ")')
    await admin.click('#schedule')
    await admin.waitForSelector('#cancel')
    await admin.click('#cancel')
    await admin.waitForSelector('text=ยกเลิกกลับเป็นร่างแล้ว')
    await admin.click('nav a[href="/admin/broadcasts"]')
    const list = await admin.textContent('table')
    expect(list).toContain('ส่งแล้ว')
    expect(list).toContain('ร่าง')
    // The test send was no delivery: one run, of the first broadcast, with one recipient.
    const deliveries = await t.deps.db.selectFrom('broadcast_deliveries').select('status').execute()
    expect(deliveries).toEqual([{ status: 'sent' }])
    expect(errors).toEqual([])
  })

  test('an owner links LINE from a simulated 1:1 chat; organization, token and link pages fit a phone', {
    timeout: 120_000,
  }, async () => {
    await seedAccount(t, 'default', 'owner@agency.go.th', 'owner', PASSWORD_B)
    const admin = await open('/admin/login')
    await admin.fill('#email', 'owner@agency.go.th')
    await admin.fill('#password', PASSWORD_B)
    await admin.click('#login')
    await admin.waitForURL('**/admin/home')
    for (const path of ['/admin/orgs', '/admin/api-tokens', '/admin/line-link']) {
      await admin.click(`nav a[href="${path}"]`)
      await admin.waitForURL(`**${path}`)
      expect(await admin.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390)
    }
    await admin.click('#get-code')
    const code = ((await admin.textContent('#link-code code')) ?? '').replace('ผูกบัญชี ', '')
    expect(code).toMatch(/^\d{6}$/)

    const chat = await open('/dev/chat', { width: 1200, height: 800 })
    await chat.click('#personas button[data-name="ชูใจ ใฝ่ธรรม"]')
    // Typed before her chat is the page's, the code would go into the first persona's chat.
    await chat.waitForSelector('#personas button.active[data-name="ชูใจ ใฝ่ธรรม"]')
    await chat.fill('#text', `ผูกบัญชี ${code}`)
    await chat.click('#send')
    await chat.waitForSelector('#log .entry-bot:has-text("ผูกบัญชี LINE นี้กับบัญชีผู้ดูแล owner@agency.go.th แล้ว")')
    await admin.click('#link-code a') // "check status": the page without script, reloaded
    expect(await admin.textContent('#link-status')).toContain('ผูกบัญชี LINE แล้วเมื่อ')
    await admin.click('#unlink')
    await admin.waitForSelector('p.msg[role="status"]:has-text("ยกเลิกการผูกบัญชี LINE แล้ว")')
    expect(await admin.textContent('#link-status')).toContain('ยังไม่ได้ผูกบัญชี LINE')
    expect(errors).toEqual([])
  })
})
