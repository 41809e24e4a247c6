import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runRichMenuCli } from '../../src/cli/richmenu.js'
import type { RichMenuDef } from '../../src/flows/types.js'
import {
  createRichMenuClients,
  type RichMenuImage,
  toLineRichMenu,
  toLineRichMenus,
  uploadRichMenu,
} from '../../src/line/richmenu.js'
import { type FakeLine, startFakeLine } from '../fakes/fake-line-server.js'
import { shippedFlowFiles } from '../helpers/flows.js'
import { makePng } from './png.js'
import { area, DEF } from './richmenu.fixture.js'

// What LINE would refuse is refused before any request; a failure half-way leaves nothing made.
const IMAGE: RichMenuImage = { bytes: makePng(2500, 843), contentType: 'image/png' }
const IMAGES = { th: IMAGE, en: IMAGE }

describe('toLineRichMenu refusals', () => {
  it('refuses what LINE would refuse, naming the area and the rule', () => {
    const bad: RichMenuDef = {
      ...DEF,
      chatBarText: 'เมนูหลักของหน่วยงาน',
      areas: [
        { ...area(0, 'งบ', 'b'), bounds: { x: 2000, y: 0, width: 600, height: 843 } },
        area(1, 'ร้องเรียนการทุจริตและประพฤติมิชอบ', 'Report'),
        { ...area(2, 'ลิงก์', 'Link'), action: { type: 'uri', uri: 'javascript:alert(1)' } },
        { ...area(0, 'ข้อมูล', 'Data'), action: { type: 'postback', data: 'x'.repeat(301) } },
      ],
    }
    const r = toLineRichMenu(bad)
    expect(r.ok ? [] : r.problems).toEqual([
      'chatBarText "เมนูหลักของหน่วยงาน" has 19 characters; LINE shows 1–14',
      'area 1 (งบ): bounds (x 2000, y 0, 600×843) reach past the 2500×843 menu',
      'area 2 (ร้องเรียนการทุจริตและประพฤติมิชอบ): label.th has 33 characters; LINE takes at most 20',
      'area 3 (ลิงก์): uri must start with https://, http://, line:// or tel:',
      'area 4 (ข้อมูล): postback data must be 1–300 characters, has 301',
    ])
  })

  it('refuses more than 20 areas and a size LINE does not offer', () => {
    const many = Array.from({ length: 21 }, (_, i) => ({
      ...area(0, `ปุ่ม${i}`, 'b'),
      bounds: { x: i * 100, y: 0, width: 100, height: 100 },
    }))
    const size = { width: 2500, height: 1000 } as unknown as RichMenuDef['size']
    const r = toLineRichMenu({ ...DEF, size, areas: many })
    expect(r.ok ? [] : r.problems.slice(0, 2)).toEqual([
      'size must be 2500×1686 or 2500×843, is 2500×1000',
      '21 areas; LINE takes at most 20',
    ])
  })

  it('an English text over LINE’s limits is named with its language; a problem both share once', () => {
    const r = toLineRichMenus({
      ...DEF,
      chatBarText: { th: 'เมนู', en: 'Menu of this agency' },
      areas: [
        area(0, 'งบประมาณ', 'Budget and spending plan'),
        { ...area(1, 'ยืม', 'Borrow'), bounds: { x: 833, y: 100, width: 834, height: 843 } },
        area(2, 'ร้องเรียน', 'Report'),
      ],
    })
    expect(r.ok ? [] : r.problems).toEqual([
      'area 2 (ยืม): bounds (x 833, y 100, 834×843) reach past the 2500×843 menu',
      'chatBarText.en "Menu of this agency" has 19 characters; LINE shows 1–14',
      'area 1 (งบประมาณ): label.en has 24 characters; LINE takes at most 20',
    ])
  })
})

describe('uploadRichMenu failures', () => {
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

  it('refuses a bad definition or a wrong-size image of either menu before any request', async () => {
    const bad = await uploadRichMenu(clients, { ...DEF, chatBarText: { th: 'เมนู', en: '' } }, IMAGES)
    expect(bad).toMatchObject({ ok: false, step: 'definition' })
    const wrong = { bytes: makePng(2500, 1686), contentType: 'image/png' as const }
    expect(await uploadRichMenu(clients, DEF, { th: IMAGE, en: wrong })).toEqual({
      ok: false,
      step: 'image',
      problems: ['English menu: image is 2500×1686, the menu is 2500×843'],
      cleanedUp: true,
    })
    expect(line.requests()).toHaveLength(0)
  })

  it('LINE refusing the English menu at validation makes nothing, not even the Thai one', async () => {
    const validate = '/v2/bot/richmenu/validate'
    line.failNext(1, { status: 200, path: validate })
    line.failNext(1, { status: 400, body: { message: 'invalid chatBarText' }, path: validate })
    const r = await uploadRichMenu(clients, DEF, IMAGES)
    expect(r).toMatchObject({ ok: false, step: 'validate', lang: 'en', cleanedUp: true })
    expect(line.requests().map((q) => q.path)).toEqual([validate, validate])
    expect(line.richMenus()).toEqual([])
  })

  it('deletes both half-made menus when the English image fails', async () => {
    line.failNext(1, { status: 200, path: /\/content$/ })
    line.failNext(1, { status: 400, body: { message: 'Image is broken' }, path: /\/content$/ })
    const r = await uploadRichMenu(clients, DEF, IMAGES)
    expect(r).toEqual({
      ok: false,
      step: 'upload image',
      lang: 'en',
      problems: ['LINE answered 400: Image is broken'],
      cleanedUp: true,
    })
    expect(line.richMenus()).toEqual([])
    expect(line.richMenuAliases()).toEqual({})
  })

  it('a failure after the aliases moved puts them back and keeps the menus people saw', async () => {
    const before = await uploadRichMenu(clients, DEF, IMAGES)
    if (!before.ok) throw new Error('first upload failed')
    line.failNext(1, {
      status: 500,
      body: { message: 'Internal Server Error' },
      path: /^\/v2\/bot\/user\/all\//,
    })
    const r = await uploadRichMenu(clients, DEF, IMAGES)
    expect(r).toMatchObject({ ok: false, step: 'set default', cleanedUp: true })
    expect(line.richMenuAliases()).toEqual({
      'menu-th': before.richMenuIds.th,
      'menu-en': before.richMenuIds.en,
    })
    expect(line.defaultRichMenuId()).toBe(before.richMenuIds.th)
    expect(
      line
        .richMenus()
        .map((m) => m.richMenuId)
        .sort(),
    ).toEqual(Object.values(before.richMenuIds).sort())
  })

  it('a first upload failing at its aliases deletes the alias it made', async () => {
    line.failNext(1, {
      status: 500,
      body: { message: 'Internal Server Error' },
      path: '/v2/bot/richmenu/alias/menu-en',
    })
    const r = await uploadRichMenu(clients, DEF, IMAGES)
    expect(r).toMatchObject({ ok: false, step: 'alias', lang: 'en', cleanedUp: true })
    expect(line.richMenuAliases()).toEqual({})
    expect(line.richMenus()).toEqual([])
  })
})

describe('richmenu:upload with a bad flows/richmenu.yaml', () => {
  let line: FakeLine
  let dir: string
  let err: string[]
  beforeEach(async () => {
    line = await startFakeLine()
    dir = await mkdtemp(join(tmpdir(), 'richmenu-flows-'))
    for (const [file, text] of Object.entries(shippedFlowFiles()))
      await writeFile(join(dir, basename(file)), text)
    err = []
  })
  afterEach(async () => {
    await line.close()
    await rm(dir, { recursive: true, force: true })
  })
  const upload = async (from: string, to: string) => {
    const shipped = shippedFlowFiles()['flows/richmenu.yaml'] ?? ''
    expect(shipped).toContain(from)
    await writeFile(join(dir, 'richmenu.yaml'), shipped.replace(from, to))
    return runRichMenuCli({
      argv: ['--flows', dir],
      env: {
        DATA_DIR: join(dir, 'data'),
        LINE_CHANNEL_ACCESS_TOKEN: line.token,
        LINE_CHANNEL_SECRET: '8c570fa6dd201bb328f1c1eac23a96d8',
        LINE_API_BASE_URL: line.url,
        LINE_DATA_API_BASE_URL: line.url,
        PUBLIC_BASE_URL: 'https://integrity.example.go.th',
      },
      out: () => {},
      err: (l) => err.push(l),
      renderImage: async () => ({
        ok: true,
        image: { bytes: makePng(2500, 1686), contentType: 'image/png' },
        warnings: [],
      }),
    })
  }

  it.each([
    [
      'an English label too long',
      'en: Borrow assets }',
      'en: Borrow government assets }',
      'richmenu.yaml: richMenu.areas.1.label.en: too long (24 characters, max 20)',
    ],
    [
      'a text without its English',
      'text: { th: งบประมาณ, en: Budget }',
      'text: { th: งบประมาณ }',
      'richmenu.yaml: richMenu.areas.0.action.text.en: is required',
    ],
    [
      'a chat bar over 14 characters',
      'chatBarText: { th: เมนู, en: Menu }',
      'chatBarText: { th: เมนู, en: Menu of the agency }',
      'richmenu.yaml: richMenu.chatBarText.en: too long (18 characters, max 14)',
    ],
    [
      'a label without its English',
      'label: { th: งบประมาณ, en: Budget }',
      'label: { th: งบประมาณ }',
      'richmenu.yaml: richMenu.areas.0.label.en: is required',
    ],
  ])('%s: the file and the path named, nothing sent to LINE', async (_what, from, to, problem) => {
    expect(await upload(from, to)).toBe(1)
    expect(err.join('\n')).toContain(`${join(dir, problem)}`)
    expect(line.requests()).toHaveLength(0)
  })

  it('the shipped file as it stands uploads (the cases above change one thing each)', async () => {
    expect(await upload('chatBarText:', 'chatBarText:')).toBe(0)
    expect(Object.keys(line.richMenuAliases()).sort()).toEqual(['menu-en', 'menu-th'])
  })
})
