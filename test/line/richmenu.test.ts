import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runRichMenuCli } from '../../src/cli/richmenu.js'
import type { RichMenuDef } from '../../src/flows/types.js'
import { createRichMenuClients, toLineRichMenu, uploadRichMenu } from '../../src/line/richmenu.js'
import { type FakeLine, startFakeLine } from '../fakes/fake-line-server.js'
import { makePng } from './png.js'
import { area, DEF } from './richmenu.fixture.js'

// Drawing the image with Chromium: richmenu.browser.test.ts.
const PNG_843 = makePng(2500, 843)

describe('toLineRichMenu', () => {
  it('maps the definition to LINE’s object, the Thai label as the accessibility label', () => {
    const r = toLineRichMenu(DEF)
    expect(r.ok && r.value).toMatchObject({
      size: { width: 2500, height: 843 },
      selected: true,
      name: 'main',
      chatBarText: 'เมนูหลัก',
    })
    expect(r.ok && r.value.areas?.[0]).toEqual({
      bounds: { x: 0, y: 0, width: 833, height: 843 },
      action: { type: 'postback', data: 'menu=0', displayText: 'งบประมาณ', label: 'งบประมาณ' },
    })
  })

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
    expect(r.ok).toBe(false)
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
    const r = toLineRichMenu({
      ...DEF,
      size: { width: 2500, height: 1000 } as unknown as RichMenuDef['size'],
      areas: many,
    })
    expect(r.ok ? [] : r.problems.slice(0, 2)).toEqual([
      'size must be 2500×1686 or 2500×843, is 2500×1000',
      '21 areas; LINE takes at most 20',
    ])
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

  it('validates, creates, uploads, sets default, then deletes the older menu of the same name', async () => {
    const old = await uploadRichMenu(clients, DEF, { bytes: PNG_843, contentType: 'image/png' })
    const other = await uploadRichMenu(
      clients,
      { ...DEF, name: 'other' },
      { bytes: PNG_843, contentType: 'image/png' },
    )
    line.reset()
    const r = await uploadRichMenu(clients, DEF, { bytes: PNG_843, contentType: 'image/png' })
    if (!r.ok || !old.ok || !other.ok) throw new Error('upload failed')
    expect(r.deleted).toEqual([old.richMenuId])
    expect(line.requests().map((q) => `${q.method} ${q.path} ${q.status}`)).toEqual([
      'POST /v2/bot/richmenu/validate 200',
      'POST /v2/bot/richmenu 200',
      `POST /v2/bot/richmenu/${r.richMenuId}/content 200`,
      `POST /v2/bot/user/all/richmenu/${r.richMenuId} 200`,
      'GET /v2/bot/richmenu/list 200',
      `DELETE /v2/bot/richmenu/${old.richMenuId} 200`,
    ])
    expect(line.requests()[2]?.headers['content-type']).toBe('image/png')
    expect(line.defaultRichMenuId()).toBe(r.richMenuId)
    expect(
      line
        .richMenus()
        .map((m) => m.richMenuId)
        .sort(),
    ).toEqual([other.richMenuId, r.richMenuId].sort())
    expect(line.richMenus().find((m) => m.richMenuId === r.richMenuId)?.image?.bytes).toEqual(PNG_843)
  })

  it('refuses a bad definition or a wrong-size image before any request', async () => {
    const bad = await uploadRichMenu(
      clients,
      { ...DEF, chatBarText: '' },
      { bytes: PNG_843, contentType: 'image/png' },
    )
    expect(bad).toMatchObject({ ok: false, step: 'definition' })
    const img = await uploadRichMenu(clients, DEF, { bytes: makePng(2500, 1686), contentType: 'image/png' })
    expect(img).toEqual({
      ok: false,
      step: 'image',
      problems: ['image is 2500×1686, the menu is 2500×843'],
      cleanedUp: true,
    })
    expect(line.requests()).toHaveLength(0)
  })

  it('deletes the half-made menu when a later step fails', async () => {
    line.failNext(1, { status: 400, body: { message: 'Image is broken' }, path: /\/content$/ })
    const r = await uploadRichMenu(clients, DEF, { bytes: PNG_843, contentType: 'image/png' })
    expect(r).toEqual({
      ok: false,
      step: 'upload image',
      problems: ['LINE answered 400: Image is broken'],
      cleanedUp: true,
    })
    expect(line.richMenus()).toEqual([])
    expect(line.defaultRichMenuId()).toBeNull()
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
  const run = (argv: string[], e: Record<string, string>, def: RichMenuDef = { ...DEF, image: 'menu.png' }) =>
    runRichMenuCli({
      argv: [...argv, '--flows', dir],
      env: e,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      loadRichMenu: () => def,
    })

  it('uploads the menu with the image flows/ names and says what it did', async () => {
    expect(await run([], env())).toBe(0)
    const id = line.defaultRichMenuId()
    expect(id).toMatch(/^richmenu-/)
    expect(out.join('\n')).toContain(`created ${id}`)
    expect(out.join('\n')).toContain('set as the default menu for every user')
    expect(err).toEqual([])
  })

  it('needs the LINE credentials to upload, and names them', async () => {
    const e = env()
    const { LINE_CHANNEL_ACCESS_TOKEN: _t, LINE_CHANNEL_SECRET: _s, ...noCreds } = e
    expect(await run([], noCreds)).toBe(1)
    expect(err.join('\n')).toMatch(/LINE_CHANNEL_ACCESS_TOKEN and LINE_CHANNEL_SECRET must be set/)
    expect(await run([], env({ LINE_CHANNEL_SECRET: 'not-hex' }))).toBe(1)
    expect(err.join('\n')).toMatch(/environment: LINE_CHANNEL_SECRET/)
    expect(line.requests()).toHaveLength(0)
  })

  it('refuses a bad definition with LINE’s rules spelled out, sending nothing', async () => {
    const bad = {
      ...DEF,
      chatBarText: 'เมนูหลักของหน่วยงาน',
      areas: [{ ...area(0, 'งบ', 'b'), bounds: { x: 0, y: 500, width: 833, height: 843 } }],
    }
    expect(await run([], env(), bad)).toBe(1)
    expect(err[0]).toMatch(/breaks LINE's rules/)
    expect(err.join('\n')).toMatch(/chatBarText .* 1–14/)
    expect(err.join('\n')).toMatch(/area 1 \(งบ\): bounds .* reach past the 2500×843 menu/)
    expect(line.requests()).toHaveLength(0)
  })

  it('--dry-run checks and writes the image without credentials or requests', async () => {
    const { LINE_CHANNEL_ACCESS_TOKEN: _t, LINE_CHANNEL_SECRET: _s, ...noCreds } = env()
    expect(await run(['--dry-run'], noCreds)).toBe(0)
    expect(new Uint8Array(await readFile(join(dir, 'data', 'richmenu.png')))).toEqual(PNG_843)
    expect(line.requests()).toHaveLength(0)
  })
})
