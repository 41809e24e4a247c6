import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import type { Browser } from 'playwright-core'
import type { Lang } from '../core/lang.js'
import type { RichMenuDef } from '../flows/types.js'
import { readImageInfo } from '../line/image-size.js'
import { richMenuHtml } from '../line/richmenu-html.js'
import { RICH_MENU_LIMITS, type RichMenuImage } from '../line/richmenu-rules.js'
import { launchChromium, localChromium } from './chromium.js'

const JPEG_QUALITIES = [90, 80, 70, 60]

export type ImageResult =
  | { ok: true; image: RichMenuImage; warnings: string[] }
  | { ok: false; problem: string }

/** A warning when fontconfig knows no Thai font: Chromium would draw the labels as boxes. */
async function thaiFontWarning(): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)('fc-list', [':lang=th', 'family'])
    if (stdout.trim().length > 0) return null
  } catch {
    // No fc-list: cannot tell, so say so.
  }
  return 'no Thai font found (fc-list :lang=th): Thai labels would render as boxes; apt-get install fonts-thai-tlwg'
}

/**
 * Renders one language's menu (Thai unless told) from its areas and labels with headless
 * Chromium; JPEG when a PNG is over 1 MB.
 */
export async function renderRichMenuImage(
  def: RichMenuDef,
  opts: { lang?: Lang; executablePath?: string; browser?: Browser } = {},
): Promise<ImageResult> {
  const lang = opts.lang ?? 'th'
  const instead = `Or set \`image:\` in flows/richmenu.yaml to a ${def.size.width}×${def.size.height} PNG or JPEG.`
  const warning = await thaiFontWarning()
  // A browser handed in (one for many renders) stays open; one launched here closes after.
  if (opts.browser) return drawWith(opts.browser, def, lang, warning)
  let executablePath = opts.executablePath
  if (executablePath === undefined) {
    const found = localChromium()
    if (!found.ok)
      return { ok: false, problem: `The menu image cannot be drawn. ${found.problem} ${instead}` }
    executablePath = found.path
  } else if (!existsSync(executablePath)) {
    return {
      ok: false,
      problem:
        `Chromium is not installed at ${executablePath}, so the menu image cannot be drawn. ` +
        `Install it (apt-get install chromium) or set CHROMIUM_PATH. ${instead}`,
    }
  }
  const browser = await launchChromium(executablePath)
  try {
    return await drawWith(browser, def, lang, warning)
  } finally {
    await browser.close()
  }
}

async function drawWith(
  browser: Browser,
  def: RichMenuDef,
  lang: Lang,
  warning: string | null,
): Promise<ImageResult> {
  const context = await browser.newContext({ viewport: { ...def.size }, deviceScaleFactor: 1 })
  try {
    const page = await context.newPage()
    await page.setContent(richMenuHtml(def, lang), { waitUntil: 'load' })
    await page.evaluate(() => document.fonts.ready.then(() => true))
    const png = new Uint8Array(await page.screenshot({ type: 'png' }))
    if (png.length <= RICH_MENU_LIMITS.imageBytes) {
      return { ok: true, image: { bytes: png, contentType: 'image/png' }, warnings: warning ? [warning] : [] }
    }
    for (const quality of JPEG_QUALITIES) {
      const jpeg = new Uint8Array(await page.screenshot({ type: 'jpeg', quality }))
      if (jpeg.length <= RICH_MENU_LIMITS.imageBytes) {
        return {
          ok: true,
          image: { bytes: jpeg, contentType: 'image/jpeg' },
          warnings: warning ? [warning] : [],
        }
      }
    }
    return { ok: false, problem: 'the rendered image stays over 1 MB even as JPEG at quality 60' }
  } finally {
    await context.close()
  }
}

/** Reads the image flows/ names; its type comes from its bytes, not its file name. */
export async function readRichMenuImageFile(path: string): Promise<ImageResult> {
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await readFile(path))
  } catch (err) {
    return { ok: false, problem: `cannot read the menu image ${path}: ${(err as Error).message}` }
  }
  const info = readImageInfo(bytes)
  if (!info) return { ok: false, problem: `${path} is neither a PNG nor a JPEG` }
  return { ok: true, image: { bytes, contentType: info.contentType }, warnings: [] }
}
