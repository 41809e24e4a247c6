import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ensureLocalOwner, LOCAL_OWNER_EMAIL } from '../../src/admin/accounts.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { openBrowser, type TestBrowser } from '../helpers/browser.js'
import { labelsOf, seedGroup } from './helpers.js'

// The console in real headless Chromium, over plain http on localhost: Chromium treats
// localhost as a secure context, so it keeps the `__Host-` Secure cookies there.

const GROUP = `C${'5'.repeat(32)}`

let t: TestApp
let server: ServerType
let base: string
let browser: TestBrowser
let oneTime = ''

beforeAll(async () => {
  t = await createTestApp('pglite')
  oneTime = (await ensureLocalOwner(t.deps.db, t.clock.now(), t.deps.keyring.secrets.hash)) ?? ''
  await seedGroup(t, 'default', GROUP, 'ฝ่ายการเงิน', 14)
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

describe('/admin in Chromium', () => {
  test('first-start password, forced change, label a group, see it in the audit log', {
    timeout: 60_000,
  }, async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    await page.goto(`${base}/admin`)
    expect(new URL(page.url()).pathname).toBe('/admin/login')
    await page.fill('#email', LOCAL_OWNER_EMAIL)
    await page.fill('#password', oneTime)
    await page.click('#login')
    await page.waitForURL('**/admin/password')
    expect(await page.textContent('main')).toContain('กรุณาตั้งรหัสผ่านใหม่')
    const cookies = await page.context().cookies()
    const session = cookies.find((c) => c.name === '__Host-admin_session')
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' })

    await page.fill('#current', oneTime)
    await page.fill('#next', 'ชีวิตดีดี passphrase')
    await page.fill('#confirm', 'ชีวิตดีดี passphrase')
    await page.click('#change')
    await page.waitForSelector('text=เปลี่ยนรหัสผ่านแล้ว')

    await page.click('nav a[href="/admin/groups"]')
    const row = page.locator('tr.group', { hasText: 'ฝ่ายการเงิน' })
    expect(await row.textContent()).toContain('14 สมาชิก')
    await row.locator('input[name="labels"]').fill('กองคลัง')
    await row.locator('button[type="submit"]').click()
    await page.waitForSelector('text=บันทึกแล้ว')
    expect(await labelsOf(t, 'default', GROUP)).toEqual(['กองคลัง'])

    await page.click('nav a[href="/admin/audit"]')
    const entry = page.locator('tr.audit[data-action="group.labelled"]')
    expect(await entry.textContent()).toContain('ฝ่ายการเงิน (กองคลัง)')
    expect(await entry.textContent()).toContain('22 พ.ย. 2569 10:00 น.')
    // Readable on a phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

    await page.click('#logout')
    await page.waitForURL('**/admin/login?m=loggedOut')
    expect(errors).toEqual([])
    await page.close()
  })
})
