import { describe, expect, it } from 'vitest'
import { createRichMenuClients, type RichMenuImage, uploadRichMenu } from '../../src/line/richmenu.js'
import { richMenuSpecProblems } from '../fakes/fake-line/openapi-richmenu.js'
import { faults } from '../fakes/fake-line-server.js'
import { makePng } from './png.js'
import { DEF } from './richmenu.fixture.js'
import { USER_A, useFakeLine } from './setup.js'

// The LINE port's per-person rich menu calls, over HTTP to the fake LINE, each request checked
// against LINE's OpenAPI description (fake-line/openapi-richmenu.ts).

const IMAGE: RichMenuImage = { bytes: makePng(2500, 843), contentType: 'image/png' }

describe('LINE adapter: a person’s rich menu', () => {
  const h = useFakeLine()
  const upload = async () => {
    const clients = createRichMenuClients({
      accessToken: h.line.token,
      apiBaseUrl: h.line.url,
      dataApiBaseUrl: h.line.url,
    })
    const r = await uploadRichMenu(clients, DEF, { th: IMAGE, en: IMAGE })
    if (!r.ok) throw new Error(r.problems.join('; '))
    h.line.reset()
    return r.richMenuIds
  }

  it('reads the English menu from its alias, links it to a person, unlinks it again', async () => {
    const { en } = await upload()
    expect(await h.api.getRichMenuAlias('menu-en')).toBe(en)
    expect(await h.api.linkRichMenu(USER_A, en)).toMatchObject({ kind: 'accepted' })
    expect(h.line.userRichMenu(USER_A)).toBe(en)
    expect(await h.api.unlinkRichMenu(USER_A)).toMatchObject({ kind: 'accepted' })
    expect(h.line.userRichMenu(USER_A)).toBeNull()
    expect(h.line.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v2/bot/richmenu/alias/menu-en',
      `POST /v2/bot/user/${USER_A}/richmenu/${en}`,
      `DELETE /v2/bot/user/${USER_A}/richmenu`,
    ])
    expect(h.line.requests().flatMap((r) => richMenuSpecProblems(r))).toEqual([])
  })

  it('no alias yet is null; a failure is a value, tried once (the caller retries later)', async () => {
    expect(await h.api.getRichMenuAlias('menu-en')).toBeNull()
    h.line.failNext(1, faults.serverError)
    expect(await h.api.linkRichMenu(USER_A, 'richmenu-0')).toMatchObject({ kind: 'unavailable', status: 500 })
    expect(await h.api.linkRichMenu(USER_A, 'richmenu-0')).toMatchObject({ kind: 'rejected', status: 404 })
    expect(h.line.requests()).toHaveLength(3)
    expect(h.sleeps).toEqual([])
  })

  it('the spec check refuses what LINE’s description refuses (so the checks above can fail)', () => {
    const alias = (richMenuAliasId: string) => ({
      method: 'POST',
      path: '/v2/bot/richmenu/alias',
      body: { richMenuAliasId, richMenuId: 'richmenu-1' },
    })
    expect(richMenuSpecProblems(alias('menu-en'))).toEqual([])
    expect(richMenuSpecProblems(alias('Menu EN'))).toEqual([
      'createRichMenuAlias: richMenuAliasId: must match /^[a-z0-9_-]{1,32}$/',
    ])
    expect(richMenuSpecProblems(alias('m'.repeat(33)))).toHaveLength(2)
    expect(
      richMenuSpecProblems({
        method: 'POST',
        path: '/v2/bot/richmenu',
        body: { chatBarText: 'เมนู Menu ของหน่วยงาน' },
      }),
    ).toEqual(['createRichMenu: chatBarText: maxLength 14'])
    expect(richMenuSpecProblems({ method: 'PUT', path: '/v2/bot/richmenu/alias/menu-en', body: {} })).toEqual(
      ['PUT /v2/bot/richmenu/alias/menu-en: no such operation in messaging-api.yml'],
    )
    expect(
      richMenuSpecProblems({ method: 'POST', path: '/v2/bot/richmenu/alias/menu-en', body: {} }),
    ).toEqual(['updateRichMenuAlias: richMenuId: must be a string'])
  })
})
