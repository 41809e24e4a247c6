import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { phoneJpeg } from '../complaints/evidence/fixtures/images.js'
import { walkToEvidence } from '../complaints/line-intake.js'
import { openBrowser, type TestBrowser } from '../helpers/browser.js'
import { createSimApp, type SimApp } from './helpers.js'
import { simChat } from './sim-chat.js'

// The chat page's photo control in real headless Chromium: a complaint brought to its evidence
// question through the API, then a JPEG chosen in the page's file input, as a person would.

let t: SimApp
let server: ServerType
let base: string
let browser: TestBrowser

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

describe('/dev/chat: sending a photo', () => {
  test('a JPEG chosen with "ส่งรูป / Send photo" shows as a thumbnail and the bot counts it as evidence', {
    timeout: 120_000,
  }, async () => {
    const chat = await simChat(t.app, () => t.settle(), 'สมชาย ใจดี')
    await walkToEvidence(chat)
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } })
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(err.message))
    page.setDefaultTimeout(60_000)
    await page.goto(`${base}/dev/chat#chat=${chat.id}`)
    await page.waitForFunction(() => document.querySelector('#log')?.textContent?.includes('ได้รับแล้ว 0'))
    expect(await page.locator('label.attach', { hasText: 'ส่งรูป / Send photo' }).isVisible()).toBe(true)

    await page.setInputFiles('#send-photo', {
      name: 'IMG_0001.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from(phoneJpeg()),
    })
    const thumb = page.locator('#log .bubble-media img')
    await thumb.waitFor()
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('#log .bubble-media img')
      return img?.complete === true && img.naturalWidth > 0
    })
    await page.waitForFunction(() => document.querySelector('#log')?.textContent?.includes('ได้รับแล้ว 1'))
    // A draft's evidence waits in its own table until the complaint is filed.
    expect(await t.testDb.db.selectFrom('complaint_draft_files').select('kind').execute()).toEqual([
      { kind: 'image' },
    ])
    expect(errors).toEqual([])
    await page.close()
  })
})
