import { mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { type ServerType, serve } from '@hono/node-server'
import { encode as encodePng } from 'fast-png'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { TestApp } from '../helpers/app.js'
import { openBrowser, type TestBrowser } from '../helpers/browser.js'
import { PASSWORD_B, seedAccount } from './helpers.js'
import { localModeApp } from './local-mode.fixture.js'

// What a person sees on a phone (390 × 844), in real Chromium, in local mode: the chat
// simulator, the web complaint form after a refused post, and the console pages changed for
// the agency's name, the broadcast composer and its progress, and the audit log. Each page is
// kept as a screenshot under test-results/phone/ (CI keeps test-results/ as an artifact).

const PHONE = { width: 390, height: 844 }
const SHOTS = join(process.cwd(), 'test-results', 'phone')

let t: TestApp
let server: ServerType
let base: string
let browser: TestBrowser
const errors: string[] = []

beforeAll(async () => {
  const made = await localModeApp('pglite')
  t = made.t
  await seedAccount(t, 'default', 'owner@agency.go.th', 'owner', PASSWORD_B)
  // A group on the simulated LINE with the bot in it (its join registers the group), labelled.
  const group = await made.sim.createGroup('ฝ่ายการเงิน', ['มานะ ขยันยิ่ง', 'ชูใจ ใฝ่ธรรม'], { withBot: true })
  await t.settle()
  await t.deps.db
    .insertInto('group_labels')
    .values({ org_id: 'default', chat_id: group.id, label: 'กองคลัง' })
    .execute()
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  // localhost: Chromium keeps the console's Secure `__Host-` cookies there.
  base = `http://localhost:${(server.address() as AddressInfo).port}`
  browser = await openBrowser()
  mkdirSync(SHOTS, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  await t?.close()
})

async function phone(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true })
  page.on('pageerror', (e) => errors.push(`${e.message} ${page.url()}`))
  page.on('console', (m) => {
    // A refused form is answered 422 on purpose; Chromium logs every 4xx as a console error.
    if (m.type() === 'error' && !m.text().includes('status of 422')) errors.push(`${m.text()} ${page.url()}`)
  })
  await page.goto(`${base}${path}`)
  return page
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) })
const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

/** The element is on the first screen, whole, without scrolling. */
async function onFirstScreen(page: Page, selector: string) {
  const box = await page.locator(selector).boundingBox()
  const scrolled = await page.evaluate(() => window.scrollY)
  expect(box, selector).not.toBeNull()
  expect(scrolled + (box?.y ?? 0) + (box?.height ?? 0), selector).toBeLessThanOrEqual(PHONE.height)
}

describe('on a phone (390 × 844)', () => {
  test('/dev/chat: the menu answers, nothing wider than the screen', { timeout: 60_000 }, async () => {
    const chat = await phone('/dev/chat')
    await chat.waitForSelector('#personas button.active')
    await chat.fill('#text', 'เมนู')
    await chat.click('#send')
    await chat.waitForSelector('#log .entry-bot')
    expect(await fitsWidth(chat)).toBe(true)
    await shot(chat, 'dev-chat')
    await chat.close()
  })

  test('/report: a refused post opens on the error summary, focused, on the first screen', {
    timeout: 60_000,
  }, async () => {
    const form = await phone('/report')
    await form.check('input[name="category"][value="bribery"]')
    await form.fill('#where', 'ห้องพัสดุ ชั้น 2')
    await form.click('#submit')
    await form.waitForSelector('#fix')
    await onFirstScreen(form, '#fix')
    expect(await form.evaluate(() => document.activeElement?.id)).toBe('fix')
    expect(await form.locator('#fix a').allTextContents()).toEqual(['กรุณากรอก "เหตุการณ์"', 'กรุณากรอก "เมื่อไร"'])
    // No file was chosen: the page does not ask to choose one again.
    expect(await form.textContent('body')).not.toContain('ไฟล์ที่เลือกไว้ยังไม่ถูกส่ง')
    expect(await form.textContent('.promise')).not.toContain('ยกเลิก')
    await shot(form, 'report-error')
    // Its link takes the person to the question.
    await form.click('#fix a[href="#what"]')
    expect(await form.evaluate(() => document.activeElement?.id)).toBe('what')
    expect(await fitsWidth(form)).toBe(true)
    await form.close()
  })

  test('the console: the agency named with a logo, the composer, a broadcast sending, the audit log', {
    timeout: 60_000,
  }, async () => {
    const admin = await phone('/admin/login')
    await admin.fill('#email', 'owner@agency.go.th')
    await admin.fill('#password', PASSWORD_B)
    await admin.click('#login')
    await admin.waitForURL('**/admin/home')
    await admin.click('#unnamed a')
    await admin.waitForURL('**/admin/org')

    // A name with markup is refused: the summary is on the first screen and focused.
    await admin.fill('#nameTh', 'กรม<b>ตัวอย่าง</b>')
    await admin.click('#save-profile')
    await admin.waitForSelector('#error-summary')
    await onFirstScreen(admin, '#error-summary')
    expect(await admin.evaluate(() => document.activeElement?.id)).toBe('error-summary')
    await shot(admin, 'admin-org-error')

    await admin.fill('#nameTh', 'กรมส่งเสริมคุณธรรมและความโปร่งใสตัวอย่าง')
    await admin.fill('#nameEn', 'Department of Integrity Examples')
    await admin.fill('#shortName', 'สคต.')
    await admin.click('#save-profile')
    await admin.waitForSelector('text=บันทึกชื่อหน่วยงานแล้ว')
    const logo = encodePng({
      width: 64,
      height: 64,
      data: new Uint8Array(64 * 64 * 4).fill(200),
      channels: 4,
    })
    await admin.setInputFiles('#logo', { name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from(logo) })
    await admin.click('#upload-logo')
    await admin.waitForSelector('text=บันทึกโลโก้แล้ว')
    // On a phone the header carries the logo and the short name; the full name is its title.
    expect(await admin.locator('header #org-name .short').isVisible()).toBe(true)
    expect(await admin.locator('header #org-name .full').isVisible()).toBe(false)
    expect(await admin.locator('header #org-name abbr').getAttribute('title')).toBe(
      'กรมส่งเสริมคุณธรรมและความโปร่งใสตัวอย่าง',
    )
    await admin.waitForFunction(
      () => (document.querySelector<HTMLImageElement>('#org-logo')?.naturalWidth ?? 0) > 0,
    )
    expect(await fitsWidth(admin)).toBe(true)
    await shot(admin, 'admin-org')

    // The composer: each radio beside its words (same line, words to its right), never above them.
    await admin.goto(`${base}/admin/broadcasts/new`)
    const misplaced = await admin.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>('label.inline input[type="radio"]')].flatMap(
        (radio) => {
          const words = [...(radio.parentElement?.childNodes ?? [])].find(
            (n) => n.nodeType === Node.TEXT_NODE,
          )
          if (!words) return [`${radio.value}: no words`]
          const range = document.createRange()
          range.selectNodeContents(words)
          const w = range.getClientRects()[0]
          const r = radio.getBoundingClientRect()
          const beside = w !== undefined && w.left >= r.right && w.top < r.bottom && w.bottom > r.top
          return beside ? [] : [radio.value]
        },
      ),
    )
    expect(misplaced).toEqual([])
    await admin.fill('#title', 'เตือน No Gift')
    await admin.check('input[name="content"][value="nogift"]')
    await admin.check('input[name="audienceKind"][value="labels"]')
    await admin.check('input[name="labels"][value="กองคลัง"]')
    await admin.check('input[name="mode"][value="at"]')
    await admin.fill('#date', '2026-11-22')
    await admin.fill('#time', '15:00')
    await shot(admin, 'broadcast-compose')
    await admin.click('#save')
    await admin.waitForSelector('#preview .lc-messages')
    expect(await admin.textContent('#quota-sentence')).toContain(
      'ส่งถึง 1 กลุ่ม ใช้โควตาข้อความ 2 ข้อความจากโควตาเดือนนี้',
    )
    await admin.click('#send-now')
    await admin.waitForSelector('p.msg[role="status"]:has-text("กำลังส่ง")')
    await t.settle()
    await admin.reload()
    expect(await admin.textContent('#progress')).toContain('ส่งแล้ว 1 จาก 1 ผู้รับ · ไม่สำเร็จ 0')
    expect(await fitsWidth(admin)).toBe(true)
    await shot(admin, 'broadcast-sent')

    await admin.click('nav a[href="/admin/audit"]')
    const actions = await admin.locator('tr.audit td.action').allTextContents()
    expect(actions).toContain('เปลี่ยนโลโก้หน่วยงาน')
    expect(actions).toContain('ตั้งเวลาส่งหรือสั่งส่งข้อความประกาศ')
    expect(actions.some((a) => /^[a-z_]+\.[a-z_.]+$/.test(a))).toBe(false)
    await shot(admin, 'admin-audit')
    expect(errors).toEqual([])
    await admin.close()
  })
})
