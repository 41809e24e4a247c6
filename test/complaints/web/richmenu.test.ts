import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runRichMenuCli } from '../../../src/cli/richmenu.js'
import type { RichMenuDef } from '../../../src/flows/types.js'
import {
  createRichMenuClients,
  fillRichMenu,
  toLineRichMenu,
  uploadRichMenu,
} from '../../../src/line/richmenu.js'
import { type FakeLine, startFakeLine } from '../../fakes/fake-line-server.js'
import { shippedFlows } from '../../helpers/flows.js'
import { makePng } from '../../line/png.js'

// The rich menu opens the web form in the external browser: flows/ write the address as
// {{publicBaseUrl}}, richmenu:upload fills it from PUBLIC_BASE_URL or refuses to upload.

const shipped = () => shippedFlows().richMenu
const webArea = (def: RichMenuDef) => def.areas.find((a) => a.action.type === 'uri')

describe('rich menu entry to the web form', () => {
  it('the shipped menu keeps six areas and sends one to /report in the external browser', () => {
    const def = shipped()
    expect(def.areas).toHaveLength(6)
    expect(webArea(def)).toMatchObject({
      label: { th: 'ร้องเรียนทางเว็บ', en: 'Report on the web' },
      action: { type: 'uri', uri: '{{reportUrl}}?openExternalBrowser=1' },
    })
    const filled = fillRichMenu(def, { publicBaseUrl: 'https://integrity.example.go.th/' })
    expect(filled.ok && webArea(filled.value)?.action).toEqual({
      type: 'uri',
      uri: 'https://integrity.example.go.th/report?openExternalBrowser=1',
    })
    expect(filled.ok && toLineRichMenu(filled.value).ok).toBe(true)
    // Without the address: what to set, naming the area.
    const missing = fillRichMenu(def, { publicBaseUrl: undefined })
    expect(missing.ok ? [] : missing.problems).toEqual([
      'area 6 (ร้องเรียนทางเว็บ): uri {{reportUrl}}?openExternalBrowser=1 needs PUBLIC_BASE_URL, the address the bot is served at (e.g. https://integrity.agency.go.th)',
    ])
  })

  it('an unknown placeholder is refused, and an unfilled menu never reaches LINE', async () => {
    const def = shipped()
    const typo: RichMenuDef = {
      ...def,
      areas: def.areas.map((a) =>
        a.action.type === 'uri' ? { ...a, action: { type: 'uri', uri: '{{publicBaseURL}}/report' } } : a,
      ),
    }
    const checked = toLineRichMenu(typo)
    expect(checked.ok ? [] : checked.problems.join('\n')).toMatch(/can only use \{\{publicBaseUrl\}\}/)
    const line = await startFakeLine()
    try {
      const clients = createRichMenuClients({
        accessToken: line.token,
        apiBaseUrl: line.url,
        dataApiBaseUrl: line.url,
      })
      const image = { bytes: makePng(2500, 1686), contentType: 'image/png' as const }
      const r = await uploadRichMenu(clients, def, { th: image, en: image })
      expect(r).toMatchObject({ ok: false, step: 'definition' })
      expect(line.requests()).toHaveLength(0)
    } finally {
      await line.close()
    }
  })
})

describe('richmenu:upload with the web area', () => {
  let line: FakeLine
  let dir: string
  let out: string[]
  let err: string[]
  beforeEach(async () => {
    line = await startFakeLine()
    dir = await mkdtemp(join(tmpdir(), 'richmenu-web-'))
    await writeFile(join(dir, 'menu.png'), makePng(2500, 1686))
    out = []
    err = []
  })
  afterEach(async () => {
    await line.close()
    await rm(dir, { recursive: true, force: true })
  })
  const run = (argv: string[], extra: Record<string, string>) =>
    runRichMenuCli({
      argv: [...argv, '--flows', dir],
      env: {
        DATA_DIR: join(dir, 'data'),
        LINE_CHANNEL_ACCESS_TOKEN: line.token,
        LINE_CHANNEL_SECRET: '8c570fa6dd201bb328f1c1eac23a96d8',
        LINE_API_BASE_URL: line.url,
        LINE_DATA_API_BASE_URL: line.url,
        ...extra,
      },
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      loadRichMenu: () => ({ ...shipped(), image: 'menu.png' }),
    })

  it('refuses to upload without PUBLIC_BASE_URL, saying what to set; sends nothing', async () => {
    expect(await run([], {})).toBe(1)
    expect(err[0]).toBe('Set PUBLIC_BASE_URL to upload this rich menu:')
    expect(err.join('\n')).toContain('ร้องเรียนทางเว็บ')
    expect(line.requests()).toHaveLength(0)
  })

  it('a dry run without it only warns; with it the menu LINE receives opens the web form', async () => {
    expect(await run(['--dry-run'], {})).toBe(0)
    expect(err.join('\n')).toMatch(/^warning: .*needs PUBLIC_BASE_URL/)
    expect(await run([], { PUBLIC_BASE_URL: 'https://integrity.example.go.th' })).toBe(0)
    const menu = line.richMenus()[0]?.menu as {
      areas: { action: { type: string; uri?: string; label?: string } }[]
    }
    expect(menu.areas.filter((a) => a.action.type === 'uri')).toEqual([
      {
        bounds: { x: 1667, y: 843, width: 833, height: 843 },
        action: {
          type: 'uri',
          uri: 'https://integrity.example.go.th/report?openExternalBrowser=1',
          label: 'ร้องเรียนทางเว็บ',
        },
      },
    ])
  })
})
