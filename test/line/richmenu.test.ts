import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runRichMenuCli } from '../../src/cli/richmenu.js'
import type { RichMenuDef } from '../../src/flows/types.js'
import {
  createRichMenuClients,
  type RichMenuImage,
  toLineRichMenu,
  uploadRichMenu,
} from '../../src/line/richmenu.js'
import { richMenuHtml } from '../../src/line/richmenu-html.js'
import { richMenuSpecProblems } from '../fakes/fake-line/openapi-richmenu.js'
import { type FakeLine, startFakeLine } from '../fakes/fake-line-server.js'
import { makePng } from './png.js'
import { DEF, PLAIN } from './richmenu.fixture.js'

// Two menus from one definition: Thai (everyone's default) and English (linked per person).
// Drawing the images with Chromium: richmenu.browser.test.ts. Refusals: richmenu.errors.test.ts.
const PNG_843 = makePng(2500, 843)
const IMAGE: RichMenuImage = { bytes: PNG_843, contentType: 'image/png' }
const IMAGES = { th: IMAGE, en: IMAGE }

describe('toLineRichMenu', () => {
  it('maps each language to its own object: one language per menu, the label read aloud', () => {
    const th = toLineRichMenu(DEF, 'th')
    const en = toLineRichMenu(DEF, 'en')
    expect(th.ok && th.value).toMatchObject({ size: { width: 2500, height: 843 }, name: 'main' })
    expect(th.ok && th.value.chatBarText).toBe('เมนูหลัก')
    expect(th.ok && th.value.areas?.[0]).toEqual({
      bounds: { x: 0, y: 0, width: 833, height: 843 },
      action: { type: 'postback', data: 'menu=0', displayText: 'งบประมาณ', label: 'งบประมาณ' },
    })
    expect(en.ok && en.value).toMatchObject({ name: 'main-en', chatBarText: 'Main menu', selected: true })
    expect(en.ok && en.value.areas?.[0]?.action).toEqual({
      type: 'postback',
      data: 'menu=0',
      displayText: 'Budget',
      label: 'Budget',
    })
  })

  it('a file with one text per action still maps: both menus send it as written', () => {
    const en = toLineRichMenu(PLAIN, 'en')
    expect(en.ok && en.value.chatBarText).toBe('เมนูหลัก')
    expect(en.ok && en.value.areas?.[2]?.action).toEqual({
      type: 'message',
      text: 'ร้องเรียน',
      label: 'Report',
    })
  })
})

describe('richMenuHtml (what the image is drawn from)', () => {
  it('draws each menu in its own language only: no English on the Thai menu, no Thai on the English', () => {
    const labels = (html: string) => [...html.matchAll(/<div class="label"[^>]*>([^<]*)</g)].map((m) => m[1])
    expect(labels(richMenuHtml(DEF, 'th'))).toEqual(['งบประมาณ', 'ยืมพัสดุ', 'ร้องเรียน'])
    expect(richMenuHtml(DEF, 'th')).not.toMatch(/Budget|Borrow|Report/)
    expect(labels(richMenuHtml(DEF, 'en'))).toEqual(['Budget', 'Borrow', 'Report'])
    expect(richMenuHtml(DEF, 'en')).not.toMatch(/[\u0e00-\u0e7f]/)
  })
})

describe('uploadRichMenu against the fake LINE server', () => {
  let line: FakeLine
  let clients: ReturnType<typeof createRichMenuClients>
  beforeEach(async () => {
    line = await startFakeLine()
    clients = createRichMenuClients({
      accessToken: line.token,
      apiBaseUrl: line.url,
      dataApiBaseUrl: line.url,
    })
  })
  afterEach(() => line.close())
  const specProblems = () => line.requests().flatMap((r) => richMenuSpecProblems(r))

  it('validates both, makes both with their images, points the aliases, sets the Thai one as default', async () => {
    const r = await uploadRichMenu(clients, DEF, {
      th: IMAGE,
      en: { ...IMAGE, bytes: makePng(2500, 843, 9) },
    })
    if (!r.ok) throw new Error(r.problems.join('; '))
    const { th, en } = r.richMenuIds
    expect(line.requests().map((q) => `${q.method} ${q.path} ${q.status}`)).toEqual([
      'POST /v2/bot/richmenu/validate 200',
      'POST /v2/bot/richmenu/validate 200',
      'POST /v2/bot/richmenu 200',
      `POST /v2/bot/richmenu/${th}/content 200`,
      'POST /v2/bot/richmenu 200',
      `POST /v2/bot/richmenu/${en}/content 200`,
      'GET /v2/bot/richmenu/alias/menu-th 404',
      'POST /v2/bot/richmenu/alias 200',
      'GET /v2/bot/richmenu/alias/menu-en 404',
      'POST /v2/bot/richmenu/alias 200',
      `POST /v2/bot/user/all/richmenu/${th} 200`,
      'GET /v2/bot/richmenu/list 200',
    ])
    expect(specProblems()).toEqual([])
    expect(line.defaultRichMenuId()).toBe(th)
    expect(line.richMenuAliases()).toEqual({ 'menu-th': th, 'menu-en': en })
    const made = (id: string) => line.richMenus().find((m) => m.richMenuId === id)
    expect(made(th)?.menu).toMatchObject({ name: 'main', chatBarText: 'เมนูหลัก' })
    expect(made(en)?.menu).toMatchObject({ name: 'main-en', chatBarText: 'Main menu' })
    expect(made(en)?.image?.bytes).toEqual(makePng(2500, 843, 9))
  })

  it('a second upload moves the aliases to the new menus and deletes the older ones of both names', async () => {
    const first = await uploadRichMenu(clients, DEF, IMAGES)
    const other = await uploadRichMenu(clients, { ...DEF, name: 'other' }, IMAGES)
    line.reset()
    const r = await uploadRichMenu(clients, DEF, IMAGES)
    if (!r.ok || !first.ok || !other.ok) throw new Error('upload failed')
    expect(r.deleted.sort()).toEqual([first.richMenuIds.th, first.richMenuIds.en].sort())
    expect(
      line
        .requests()
        .filter((q) => q.path.includes('/alias'))
        .map((q) => `${q.method} ${q.path}`),
    ).toEqual([
      'GET /v2/bot/richmenu/alias/menu-th',
      'POST /v2/bot/richmenu/alias/menu-th',
      'GET /v2/bot/richmenu/alias/menu-en',
      'POST /v2/bot/richmenu/alias/menu-en',
    ])
    expect(specProblems()).toEqual([])
    expect(line.richMenuAliases()).toEqual({ 'menu-th': r.richMenuIds.th, 'menu-en': r.richMenuIds.en })
    expect(
      line
        .richMenus()
        .map((m) => m.richMenuId)
        .sort(),
    ).toEqual([other.richMenuIds.th, other.richMenuIds.en, r.richMenuIds.th, r.richMenuIds.en].sort())
  })
})

describe('richmenu:upload command', () => {
  let line: FakeLine
  let dir: string
  let out: string[]
  let err: string[]
  beforeEach(async () => {
    line = await startFakeLine()
    dir = await mkdtemp(join(tmpdir(), 'richmenu-'))
    await writeFile(join(dir, 'menu.png'), PNG_843)
    await writeFile(join(dir, 'menu-en.png'), makePng(2500, 843, 5))
    out = []
    err = []
  })
  afterEach(async () => {
    await line.close()
    await rm(dir, { recursive: true, force: true })
  })
  const env = (extra: Record<string, string> = {}) => ({
    DATA_DIR: join(dir, 'data'),
    LINE_CHANNEL_ACCESS_TOKEN: line.token,
    LINE_CHANNEL_SECRET: '8c570fa6dd201bb328f1c1eac23a96d8',
    LINE_API_BASE_URL: line.url,
    LINE_DATA_API_BASE_URL: line.url,
    ...extra,
  })
  const withImages: RichMenuDef = { ...DEF, image: { th: 'menu.png', en: 'menu-en.png' } }
  const run = (argv: string[], e: Record<string, string>, def: RichMenuDef = withImages) =>
    runRichMenuCli({
      argv: [...argv, '--flows', dir],
      env: e,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      loadRichMenu: () => def,
    })

  it('uploads both menus with the images flows/ names and says what it did', async () => {
    expect(await run([], env())).toBe(0)
    const { 'menu-th': th, 'menu-en': en } = line.richMenuAliases()
    expect(line.defaultRichMenuId()).toBe(th)
    const said = out.join('\n')
    expect(said).toContain('chat bar "เมนูหลัก" (Thai), "Main menu" (English)')
    expect(said).toContain(`created ${th} (Thai) and ${en} (English)`)
    expect(said).toContain(`aliases menu-th → ${th}, menu-en → ${en}`)
    expect(line.richMenus().find((m) => m.richMenuId === en)?.image?.bytes).toEqual(makePng(2500, 843, 5))
    expect(line.requests().flatMap((r) => richMenuSpecProblems(r))).toEqual([])
    expect(err).toEqual([])
  })

  it('a file written before the menus were per language still uploads, naming the shared texts', async () => {
    expect(await run([], env(), { ...PLAIN, image: 'menu.png' })).toBe(0)
    expect(out.join('\n')).toContain('note: one text for both menus')
    expect(out).toContain('    - chatBarText "เมนูหลัก"')
    expect(out).toContain('    - image menu.png')
    expect(Object.keys(line.richMenuAliases()).sort()).toEqual(['menu-en', 'menu-th'])
  })

  it('--dry-run checks and writes both images without credentials or requests', async () => {
    const { LINE_CHANNEL_ACCESS_TOKEN: _t, LINE_CHANNEL_SECRET: _s, ...noCreds } = env()
    expect(await run(['--dry-run'], noCreds)).toBe(0)
    expect(new Uint8Array(await readFile(join(dir, 'data', 'richmenu-th.png')))).toEqual(PNG_843)
    expect(new Uint8Array(await readFile(join(dir, 'data', 'richmenu-en.png')))).toEqual(
      makePng(2500, 843, 5),
    )
    expect(line.requests()).toHaveLength(0)
  })
})
