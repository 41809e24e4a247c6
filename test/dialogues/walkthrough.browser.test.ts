import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createAccount } from '../../src/admin/accounts.js'
import { openBrowser, type TestBrowser } from '../helpers/browser.js'
import { createSimApp, type SimApp } from '../simulator/helpers.js'

// A staff member in the LINE simulator (/dev/chat, real Chromium) walks the asset guide, takes
// the quiz, acknowledges the No Gift Policy, reports a gift and asks a budget question; then an
// auditor and an officer find each step in the admin console.

let t: SimApp
let server: ServerType
let base: string
let browser: TestBrowser
const PASSWORD = 'correct horse battery staple'

beforeAll(async () => {
  t = await createSimApp()
  for (const [email, role] of [
    ['owner@example.go.th', 'owner'],
    ['officer@example.go.th', 'complaint_officer'],
  ] as const) {
    const made = await createAccount(
      t.deps.db,
      new Date(),
      { orgId: 'default', email, role, password: PASSWORD },
      null,
      t.deps.keyring.secrets.hash,
    )
    if (!made.ok) throw new Error(made.reason)
  }
  await t.deps.db.updateTable('admin_accounts').set({ must_change_password: false }).execute()
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

const PERSONA = 'สมชาย ใจดี'
const bots = (page: Page) => page.locator('#log .entry-bot').count()
/**
 * Waits for the bot's answer, all of it (a reply may hold several bubbles): once the first
 * bubble shows, the app's work for the message is under way; when it has settled, the page
 * must show the last bubble the simulator received. (Waiting for 300 quiet milliseconds after
 * each bubble instead cost seconds per walk and could still stop between two bubbles.)
 */
async function waitForMoreBots(page: Page, before: number) {
  await page.waitForFunction((n) => document.querySelectorAll('#log .entry-bot').length > n, before)
  await t.settle()
  const chat = t.sim.chats().find((c) => c.kind === 'user' && c.name === PERSONA)
  const last = chat && t.sim.transcript.find(chat.id, (e) => e.kind === 'bot')
  if (!last) throw new Error(`no bot message in ${PERSONA}'s chat`)
  await page.waitForSelector(`#log .row[data-seq="${last.seq}"] .entry-bot`)
}
async function say(page: Page, text: string) {
  const before = await bots(page)
  await page.fill('#text', text)
  await page.click('#send')
  await waitForMoreBots(page, before)
}
/** Taps the newest button or chip with this label, as a person taps the latest message. */
async function tap(page: Page, label: string) {
  const before = await bots(page)
  await page.locator(`#log [data-label="${label}"]`).last().click()
  await waitForMoreBots(page, before)
}
const lastText = async (page: Page) => (await page.locator('#log .entry-bot').last().textContent()) ?? ''

async function login(page: Page, email: string) {
  page.setDefaultTimeout(90_000)
  await page.goto(`${base}/admin/login`)
  await page.fill('#email', email)
  await page.fill('#password', PASSWORD)
  await page.click('#login')
  await page.waitForURL('**/admin/home')
}

describe('staff walk-through in the simulator, evidence in the console', () => {
  test('guide, quiz, pledge, gift report, budget question', { timeout: 240_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
    // CI machines are shared and slow at times: a reply may take longer than Playwright's 30 s.
    page.setDefaultTimeout(90_000)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${base}/dev/chat`)
    // The page opens the first persona's chat by itself (a follow, answered with the greeting).
    // Counting bubbles before the click raced that on a slow machine: the greeting could land
    // first, and the click then only selected the chat. Wait for the chat and its greeting.
    await page.click(`#personas button[data-name="${PERSONA}"]`)
    await page.waitForSelector(`#personas button.active[data-name="${PERSONA}"]`)
    await waitForMoreBots(page, 0)

    await say(page, 'ยืมทรัพย์สิน')
    await tap(page, 'รถราชการ')
    expect(await lastText(page)).toContain('ใบขออนุญาตใช้รถส่วนกลาง')
    await tap(page, 'ทำแบบทดสอบ')
    await tap(page, 'กรอกใบยืม ขออนุมัติ')
    await tap(page, 'ไม่ได้')
    await tap(page, 'ให้ไปยืมที่งานพัสดุ')
    expect(await lastText(page)).toContain('ได้ 3/3 คะแนน')

    await say(page, 'นโยบายไม่รับของขวัญ')
    await tap(page, 'รับทราบและร่วมปฏิบัติ')
    expect(await lastText(page)).toContain('บันทึกการรับทราบของท่านแล้ว')

    await say(page, 'รายงานการรับของขวัญ')
    await tap(page, 'คู่สัญญา')
    await say(page, 'กระเช้าปีใหม่')
    await say(page, '1200')
    await tap(page, 'วันนี้')
    await tap(page, 'คืนผู้ให้')
    expect(await lastText(page)).toContain('ตรวจสอบก่อนส่ง')
    await tap(page, 'ส่ง')
    expect(await lastText(page)).toMatch(/เลขที่อ้างอิง GR-\d{4}-/)

    await say(page, 'สอบถามงบประมาณ')
    await say(page, 'งบซ่อมแซมอาคารปีนี้มีเท่าไร')
    await tap(page, 'ไม่ระบุชื่อ')
    await tap(page, 'ส่ง')
    expect(await lastText(page)).toMatch(/รหัสลับ: [A-Z2-9]{5}-[A-Z2-9]{5}/)
    expect(errors).toEqual([])

    const owner = await browser.newPage()
    await login(owner, 'owner@example.go.th')
    // The old engagement address lands on this fiscal year's evidence, where each step counts.
    await owner.goto(`${base}/admin/engagement`)
    expect(owner.url()).toMatch(/\/admin\/evidence\/\d{4}$/)
    const count = (measure: string, kind: string) =>
      owner.locator(`section[data-measure="${measure}"] tr[data-kind="${kind}"] .count`).textContent()
    expect(await count('assets', 'guide.viewed')).toBe('1')
    expect(await count('assets', 'quiz.completed')).toBe('1')
    expect(await count('nogift', 'pledge')).toBe('1')
    expect(await count('nogift', 'gift.reported')).toBe('1')
    expect(await count('budget', 'question.asked')).toBe('1')
    await owner.goto(`${base}/admin/questions`)
    expect(await owner.locator('tr.question').count()).toBe(1)

    const officer = await browser.newPage()
    await login(officer, 'officer@example.go.th')
    await officer.goto(`${base}/admin/gifts`)
    expect(await officer.locator('tr.gift').count()).toBe(1)
    expect(await officer.locator('tr.gift').textContent()).toContain('คู่สัญญา')
  })
})
