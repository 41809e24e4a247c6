import { encode as encodePng } from 'fast-png'
import { afterEach, describe, expect, test } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { auditActions, Client, PASSWORD_A, seedAccount } from './helpers.js'

// Every bad name or logo an owner can send gets a message in Thai, at the top of the page with
// a link to its field and again beside the field, and changes nothing.

const ok = { nameTh: 'กรมส่งเสริมตัวอย่าง', nameEn: 'Department of Examples', shortName: 'สสต.' }
const decoded = (html: string) =>
  html.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>')

describe('the agency name and logo, bad input (pglite)', () => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  async function owner() {
    t = await createTestApp('pglite')
    await seedAccount(t, 'default', 'owner@agency.go.th', 'owner', PASSWORD_A)
    const c = new Client(t)
    await c.login('owner@agency.go.th', PASSWORD_A)
    return { t, c }
  }
  const stored = async (t: TestApp) =>
    t.deps.db
      .selectFrom('orgs')
      .select(['name_th', 'name_en', 'short_name', 'logo_version'])
      .where('slug', '=', 'default')
      .executeTakeFirstOrThrow()

  test('empty, too long, markup, a line break: each named, linked from the top, nothing saved', async () => {
    const { t, c } = await owner()
    const before = await stored(t)
    const cases: [Partial<typeof ok>, string, string][] = [
      [{ nameTh: '  ' }, 'nameTh', 'กรุณากรอกชื่อหน่วยงานภาษาไทย'],
      [{ nameTh: 'ก'.repeat(201) }, 'nameTh', 'ชื่อหน่วยงานภาษาไทยยาว 201 ตัวอักษร เกินกำหนด 200 ตัวอักษร'],
      [{ nameEn: '<script>alert(1)</script>' }, 'nameEn', 'ต้องไม่มีเครื่องหมาย < หรือ >'],
      [{ nameEn: 'Dept<img src=x onerror=alert(1)>' }, 'nameEn', 'ระบบไม่รับโค้ด HTML หรือสคริปต์ในชื่อ'],
      [{ shortName: 'ส'.repeat(31) }, 'shortName', 'ชื่อย่อยาว 31 ตัวอักษร เกินกำหนด 30 ตัวอักษร'],
      [{ nameTh: 'กรม\r\nตัวอย่าง' }, 'nameTh', 'ต้องเป็นข้อความบรรทัดเดียว'],
    ]
    for (const [change, field, words] of cases) {
      await c.get('/admin/org')
      const r = await c.post('/admin/org', { ...ok, ...change })
      expect(r.status, field).toBe(422)
      const html = decoded(c.lastHtml)
      // The summary comes first in <main>, focused, and links to the field.
      expect(html, field).toMatch(
        /<main><h1>[^<]*<\/h1><div class="summary" id="error-summary" role="alert" tabindex="-1" autofocus="">/,
      )
      const link = c.lastHtml.match(new RegExp(`<a href="#${field}">(.*?)</a>`))?.[1] ?? ''
      expect(decoded(link)).toContain(words)
      expect(html).toContain(`id="err-${field}"`)
      // What was typed is kept, escaped, never as markup.
      expect(c.lastHtml).not.toContain('<script>alert(1)')
      expect(c.lastHtml).not.toContain('<img src=x')
    }
    await c.get('/admin/org?lang=en')
    await c.post('/admin/org', { ...ok, nameTh: '' })
    expect(c.lastHtml).toContain('The Thai name is required.')
    expect(await stored(t)).toEqual(before)
    expect(await auditActions(t, 'default')).not.toContain('org.profile_updated')
  })

  test('no file, not PNG or JPEG, too large, damaged: each said in Thai, the logo unchanged', async () => {
    const { t, c } = await owner()
    const png = encodePng({ width: 8, height: 8, data: new Uint8Array(256).fill(9), channels: 4 })
    const big = new Uint8Array(600 * 1024)
    big.set(png)
    const cases: [File, string][] = [
      [new File([], ''), 'กรุณาเลือกไฟล์โลโก้ (PNG หรือ JPEG)'],
      [new File(['GIF89a....'], 'logo.png', { type: 'image/png' }), 'โลโก้ต้องเป็นไฟล์ภาพ PNG หรือ JPEG เท่านั้น'],
      [new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'logo.svg'), 'PNG หรือ JPEG เท่านั้น'],
      [new File([big], 'big.png', { type: 'image/png' }), 'ไฟล์โลโก้มีขนาด 600 KB เกินกำหนด 512 KB'],
      [new File([png.slice(0, 50)], 'cut.png'), 'อ่านไฟล์ภาพโลโก้ไม่ได้'],
    ]
    for (const [file, words] of cases) {
      await c.get('/admin/org')
      const r = await c.postMultipart('/admin/org/logo', { logo: file })
      expect(r.status, words).toBe(422)
      expect(c.lastHtml).toContain('<a href="#logo">')
      expect(c.lastHtml).toContain(words)
      expect(c.lastHtml).toContain('id="err-logo"')
    }
    expect((await stored(t)).logo_version).toBeNull()
    expect(await t.deps.db.selectFrom('org_logos').selectAll().execute()).toEqual([])
  })
})
