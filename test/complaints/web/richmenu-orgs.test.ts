import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OrgChannelLookup } from '../../../src/cli/org-channel.js'
import { runRichMenuCli } from '../../../src/cli/richmenu.js'
import type { RichMenuDef } from '../../../src/flows/types.js'
import { fillRichMenu, toLineRichMenu } from '../../../src/line/richmenu.js'
import { richMenuProblems } from '../../fakes/fake-line/rules.js'
import { type FakeLine, startFakeLine } from '../../fakes/fake-line-server.js'
import { shippedFlows } from '../../helpers/flows.js'
import { makePng } from '../../line/png.js'

// Each organization's rich menu opens its own web form: {{reportUrl}} is filled per organization.

const BASE = 'https://integrity.example.go.th'
const webUri = (def: RichMenuDef) => def.areas.find((a) => a.action.type === 'uri')?.action

describe('rich menus of several organizations', () => {
  it('two organizations get two web form addresses; the default keeps /report', () => {
    const def = shippedFlows().richMenu
    const uris = ['default', 'acme', 'city-hall'].map((org) => {
      const filled = fillRichMenu(def, { publicBaseUrl: BASE, org })
      if (!filled.ok) throw new Error(filled.problems.join('; '))
      expect(toLineRichMenu(filled.value).ok).toBe(true)
      return webUri(filled.value)
    })
    expect(uris).toEqual([
      { type: 'uri', uri: `${BASE}/report?openExternalBrowser=1` },
      { type: 'uri', uri: `${BASE}/report/acme?openExternalBrowser=1` },
      { type: 'uri', uri: `${BASE}/report/city-hall?openExternalBrowser=1` },
    ])
  })

  it('{{publicBaseUrl}} still fills as before, whatever the organization', () => {
    const def = shippedFlows().richMenu
    const own: RichMenuDef = {
      ...def,
      areas: def.areas.map((a) =>
        a.action.type === 'uri'
          ? { ...a, action: { type: 'uri', uri: '{{publicBaseUrl}}/public/ita/2569' } }
          : a,
      ),
    }
    const filled = fillRichMenu(own, { publicBaseUrl: `${BASE}/`, org: 'acme' })
    expect(filled.ok && webUri(filled.value)).toEqual({ type: 'uri', uri: `${BASE}/public/ita/2569` })
  })
})

describe('richmenu:upload --org', () => {
  let line: FakeLine
  let dir: string
  let out: string[]
  let err: string[]
  let asked: string[]
  beforeEach(async () => {
    line = await startFakeLine()
    dir = await mkdtemp(join(tmpdir(), 'richmenu-org-'))
    await writeFile(join(dir, 'menu.png'), makePng(2500, 1686))
    out = []
    err = []
    asked = []
  })
  afterEach(async () => {
    await line.close()
    await rm(dir, { recursive: true, force: true })
  })

  const run = (argv: string[], found: OrgChannelLookup, env: Record<string, string> = {}) =>
    runRichMenuCli({
      argv: [...argv, '--flows', dir],
      env: {
        DATA_DIR: join(dir, 'data'),
        LINE_API_BASE_URL: line.url,
        LINE_DATA_API_BASE_URL: line.url,
        PUBLIC_BASE_URL: BASE,
        ...env,
      },
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      loadRichMenu: () => ({ ...shippedFlows().richMenu, image: 'menu.png' }),
      orgChannel: async (slug) => {
        asked.push(slug)
        return found
      },
    })

  it("uploads with the organization's own token; its menu opens its own form", async () => {
    expect(await run(['--org', 'acme'], { kind: 'ok', accessToken: line.token })).toBe(0)
    expect(asked).toEqual(['acme'])
    const menu = line.richMenus()[0]?.menu
    expect(richMenuProblems(menu)).toEqual([])
    const areas = (menu as { areas: { action: { type: string; uri?: string } }[] }).areas
    expect(areas.filter((a) => a.action.type === 'uri').map((a) => a.action.uri)).toEqual([
      `${BASE}/report/acme?openExternalBrowser=1`,
    ])
  })

  it.each([
    [{ kind: 'unknown' } as const, 'No organization "acme"'],
    [{ kind: 'no_channel' } as const, 'has no LINE channel of its own'],
    [{ kind: 'no_keys' } as const, 'APP_SECRET and DATA_ENCRYPTION_KEY must be set'],
  ])('%o: a clear message, nothing sent to LINE', async (found, message) => {
    expect(await run(['--org', 'acme'], found)).toBe(1)
    expect(err.join('\n')).toContain(message)
    expect(line.requests()).toHaveLength(0)
  })

  it('a malformed organization is refused before anything is read', async () => {
    expect(await run(['--org', 'Not A Slug'], { kind: 'ok', accessToken: line.token })).toBe(2)
    expect(err[0]).toMatch(/^--org Not A Slug: an organization slug is a-z, 0-9 and -/)
    expect(asked).toEqual([])
    expect(line.requests()).toHaveLength(0)
  })

  it('--org default is the environment’s channel and /report', async () => {
    const env = {
      LINE_CHANNEL_ACCESS_TOKEN: line.token,
      LINE_CHANNEL_SECRET: '8c570fa6dd201bb328f1c1eac23a96d8',
    }
    expect(await run(['--org', 'default'], { kind: 'unknown' }, env)).toBe(0)
    expect(asked).toEqual([])
    const menu = line.richMenus()[0]?.menu as { areas: { action: { type: string; uri?: string } }[] }
    expect(menu.areas.find((a) => a.action.type === 'uri')?.action.uri).toBe(
      `${BASE}/report?openExternalBrowser=1`,
    )
  })
})
