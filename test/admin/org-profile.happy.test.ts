import { encode as encodePng } from 'fast-png'
import { afterEach, describe, expect, test } from 'vitest'
import { detect } from '../../src/complaints/evidence/detect.js'
import type { LineMessage } from '../../src/line/port.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { envelope, fromGroup, fromUser, signedRequest, simpleEvent } from '../helpers/line-events.js'
import { auditActions, Client, PASSWORD_A, seedAccount } from './helpers.js'

// An owner names the agency and gives it a logo; staff and the public then see them in the
// console's header, the printed ITA report, the public page, the web form and the bot's greeting.

const PNG = encodePng({ width: 48, height: 24, data: new Uint8Array(48 * 24 * 4).fill(200), channels: 4 })
const NAME = { nameTh: 'กรมส่งเสริมตัวอย่าง', nameEn: 'Department of Examples', shortName: 'สสต.' }

describe.each(DB_KINDS)('the agency name and logo (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('set by the owner, shown everywhere it belongs, audited in words', async () => {
    const line = new MemoryLine()
    t = await createTestApp(kind, { line })
    await seedAccount(t, 'default', 'owner@agency.go.th', 'owner', PASSWORD_A)
    const owner = new Client(t)
    await owner.login('owner@agency.go.th', PASSWORD_A)
    await owner.get('/admin/home')
    expect(owner.lastHtml).toContain('id="unnamed"')
    await owner.get('/admin/org')
    expect(owner.lastHtml).toContain('value="หน่วยงาน"')

    const saved = await owner.post('/admin/org', NAME)
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe('/admin/org')
    await owner.get('/admin/org')
    expect(owner.lastHtml).toContain('บันทึกชื่อหน่วยงานแล้ว')
    expect(owner.lastHtml).toMatch(/id="org-name">.*กรมส่งเสริมตัวอย่าง.*<abbr class="short"[^>]*>สสต\.<\/abbr>/s)
    await owner.get('/admin/home')
    expect(owner.lastHtml).not.toContain('id="unnamed"')
    await owner.get('/admin/home?lang=en')
    expect(owner.lastHtml).toContain('Department of Examples')

    const up = await owner.postMultipart('/admin/org/logo', {
      logo: new File([Uint8Array.from(PNG)], 'logo.png', { type: 'image/png' }),
    })
    expect(up.status).toBe(303)
    await owner.get('/admin/org?lang=th')
    expect(owner.lastHtml).toContain('บันทึกโลโก้แล้ว')
    const src =
      owner.lastHtml.match(/<img src="(\/logo\/default\?v=[0-9a-f]+)" alt="" id="org-logo"/)?.[1] ?? ''
    expect(src).not.toBe('')
    const logo = await t.app.request(`http://localhost${src}`)
    expect(logo.status).toBe(200)
    expect(logo.headers.get('content-type')).toBe('image/png')
    expect(logo.headers.get('x-content-type-options')).toBe('nosniff')
    expect(detect(new Uint8Array(await logo.arrayBuffer()))).toBe('png')

    // The printed ITA report and the public page (once published).
    await owner.get('/admin/evidence/2570/print')
    expect(owner.lastHtml).toMatch(
      /id="org-name"><img src="\/logo\/default\?v=[0-9a-f]+"[^>]*>กรมส่งเสริมตัวอย่าง/,
    )
    await owner.get('/admin/evidence/2570')
    await owner.post('/admin/evidence/public', { enabled: '1' })
    const pub = await (await t.app.request('http://localhost/public/ita/2570?lang=en')).text()
    expect(pub).toMatch(/<p id="org-name"><img src="\/logo\/default[^"]*"[^>]*>Department of Examples<\/p>/)

    // The web complaint form, in each language.
    const form = await (await t.app.request('http://localhost/report')).text()
    expect(form).toMatch(/id="org-logo"[\s\S]*<strong>กรมส่งเสริมตัวอย่าง<\/strong>/)
    expect(await (await t.app.request('http://localhost/report?lang=en')).text()).toContain(
      '<strong>Department of Examples</strong>',
    )

    // The bot's greeting to a new follower and to a group it joins.
    const greet = async (event: unknown) => {
      line.calls.length = 0
      expect((await t?.app.request(await signedRequest(envelope([event]))))?.status).toBe(200)
      await t?.settle()
      const call = line.calls[0]
      const [m] = call && 'messages' in call ? call.messages : []
      return (m as LineMessage & { text?: string })?.text ?? ''
    }
    const now = t.clock.now().getTime()
    expect(await greet(simpleEvent('follow', fromUser(), { replyToken: 'rt-f' }, now))).toContain(
      '(ITA) ของกรมส่งเสริมตัวอย่าง (สสต.) ให้บริการ',
    )
    expect(await greet(simpleEvent('join', fromGroup(), { replyToken: 'rt-j' }, now))).toContain(
      'บัญชีนี้ของกรมส่งเสริมตัวอย่าง (สสต.)จะแจ้งข่าวสาร',
    )

    const removed = await owner.post('/admin/org/logo/delete', {})
    expect(removed.status).toBe(303)
    await owner.get('/admin/org')
    expect(owner.lastHtml).toContain('ลบโลโก้แล้ว')
    expect(owner.lastHtml).not.toContain('id="org-logo"')
    expect((await t.app.request(`http://localhost${src}`)).status).toBe(404)

    expect(await auditActions(t, 'default')).toEqual(
      expect.arrayContaining(['org.profile_updated', 'org.logo_updated', 'org.logo_removed']),
    )
    await owner.get('/admin/audit')
    expect(owner.lastHtml).toContain('แก้ไขชื่อหน่วยงาน')
    expect(owner.lastHtml).toContain('กรมส่งเสริมตัวอย่าง · Department of Examples · สสต.')
  })
})
