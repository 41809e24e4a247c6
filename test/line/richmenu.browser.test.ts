import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runRichMenuCli } from '../../src/cli/richmenu.js'
import type { RichMenuDef } from '../../src/flows/types.js'
import { readImageInfo } from '../../src/line/image-size.js'
import { launchChromium } from '../../src/runtime/chromium.js'
import { renderRichMenuImage } from '../../src/runtime/richmenu-image.js'
import { DEF } from './richmenu.fixture.js'

// The rich menu image drawn from its labels by headless Chromium, launched once for the file.

describe('rich menu image', () => {
  let browser: Browser
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'richmenu-'))
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('explains how to get an image when Chromium is missing', async () => {
    const r = await renderRichMenuImage(DEF, { executablePath: join(dir, 'no-chromium') })
    expect(r.ok).toBe(false)
    expect(r.ok ? '' : r.problem).toMatch(/apt-get install chromium.*image:.*flows\/richmenu\.yaml/s)
  })

  it('renders the labels with Chromium at the menu size, under 1 MB', async () => {
    const full: RichMenuDef = { ...DEF, size: { width: 2500, height: 1686 } }
    const err: string[] = []
    const code = await runRichMenuCli({
      argv: ['--dry-run', '--flows', dir],
      env: { DATA_DIR: join(dir, 'data') },
      out: () => {},
      err: (l) => err.push(l),
      loadRichMenu: () => full,
      renderImage: (def, lang) => renderRichMenuImage(def, { browser, lang }),
    })
    expect({ code, err }).toEqual({ code: 0, err: [] })
    const th = new Uint8Array(await readFile(join(dir, 'data', 'richmenu-th.png')))
    const en = new Uint8Array(await readFile(join(dir, 'data', 'richmenu-en.png')))
    for (const png of [th, en]) {
      expect(readImageInfo(png)).toEqual({ contentType: 'image/png', width: 2500, height: 1686 })
      expect(png.length).toBeLessThanOrEqual(1024 * 1024)
    }
    // Each menu drawn from its own labels: one language per image.
    expect(Buffer.from(th).equals(Buffer.from(en))).toBe(false)
    const half = await renderRichMenuImage(DEF, { browser })
    expect(half.ok && readImageInfo(half.image.bytes)).toEqual({
      contentType: 'image/png',
      width: 2500,
      height: 843,
    })
  })

  it('a browser handed in stays open for the next render', async () => {
    expect((await renderRichMenuImage(DEF, { browser })).ok).toBe(true)
    expect(browser.isConnected()).toBe(true)
  })
})
