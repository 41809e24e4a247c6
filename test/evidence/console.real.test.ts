import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createOrg } from '../../src/orgs/service.js'
import { Client, PASSWORD_A, PASSWORD_B, seedAccount } from '../admin/helpers.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { OTHER, ScriptedLine, seedYear } from './report-seed.js'

// The evidence pages over the real report service and the year report-seed.ts writes into the
// log: figures, downloads, refusals and scoping as an auditor meets them.

let t: TestApp
const as = async (email: string, password: string) => {
  const c = new Client(t)
  expect((await c.login(email, password)).status).toBe(303)
  return c
}

beforeAll(async () => {
  const line = new ScriptedLine()
  t = await createTestApp('pglite', { line })
  const made = await createOrg(t.deps.db, t.deps.keyring, {
    slug: OTHER,
    nameTh: 'อีกหน่วยงาน',
    nameEn: 'Other',
  })
  if (!made.ok) throw new Error(made.reason)
  await seedYear(t, line)
  await seedAccount(t, 'default', 'auditor@agency.go.th', 'auditor', PASSWORD_A)
  await seedAccount(t, 'default', 'owner@agency.go.th', 'owner', PASSWORD_A)
  await seedAccount(t, OTHER, 'auditor@other.go.th', 'auditor', PASSWORD_B)
}, 120_000)
afterAll(() => t?.close())

const section = (html: string, id: string) => {
  const start = html.indexOf(`<section class="measure" data-measure="${id}"`)
  return html.slice(start, html.indexOf('</section>', start))
}

describe('evidence over the real report', () => {
  test('the seeded year: reach, rate by unit, protected complaint figures', async () => {
    const auditor = await as('auditor@agency.go.th', PASSWORD_A)
    expect((await auditor.get('/admin/evidence/2569')).status).toBe(200)
    const nogift = section(auditor.lastHtml, 'nogift')
    expect(nogift).toMatch(/<b>6<\/b>จำนวนคนที่เข้าถึง/)
    expect(nogift).toMatch(/<b>23.8%<\/b>อัตราการรับทราบ/)
    expect(nogift).toMatch(/data-unit="กองคลัง">[\s\S]*?<td class="rate">30.0%/)
    expect(nogift).toContain('20 ธ.ค. 2568')
    expect(section(auditor.lastHtml, 'complaints')).toMatch(
      /data-kind="complaint.filed">[\s\S]*?class="count">7</,
    )
    expect(section(auditor.lastHtml, 'ethics')).toContain('outside-form')
  })

  test('CSV and XLSX come from the real exporters', async () => {
    const auditor = await as('auditor@agency.go.th', PASSWORD_A)
    const csv = await auditor.get('/admin/evidence/2569/export.csv')
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="ita-evidence-2569.csv"')
    expect(await csv.text()).toContain('No Gift Policy')
    const xlsx = new Uint8Array(await (await auditor.get('/admin/evidence/2569/export.xlsx')).arrayBuffer())
    expect([...xlsx.slice(0, 2)]).toEqual([0x50, 0x4b]) // a zip, as every .xlsx is
  })

  test('no data, a year out of range, more than ten years: clear pages', async () => {
    const auditor = await as('auditor@agency.go.th', PASSWORD_A)
    expect((await auditor.get('/admin/evidence/2566')).status).toBe(200)
    expect(auditor.lastHtml).toContain('id="empty"')
    expect(auditor.lastHtml).not.toContain('class="measure-row"')
    expect((await auditor.get('/admin/evidence/2599')).status).toBe(400)
    expect(auditor.lastHtml).toContain('ปีงบประมาณ 2599 ไม่อยู่ในช่วงที่ออกรายงานได้')
    expect((await auditor.get('/admin/evidence/years?from=2560&to=2570')).status).toBe(400)
    expect(auditor.lastHtml).toContain('ขอได้ครั้งละไม่เกิน 10 ปีงบประมาณ')
    expect((await auditor.get('/admin/evidence/years?from=2566&to=2569')).status).toBe(200)
  })

  test("another agency's auditor sees that agency's year, never this one's", async () => {
    const other = await as('auditor@other.go.th', PASSWORD_B)
    await other.get('/admin/evidence/2569?org=default')
    const nogift = section(other.lastHtml, 'nogift')
    // Its one pledge in its own G1 (50 members); nothing of default's 23.8% or its broadcasts.
    expect(nogift).toMatch(/<b>1<\/b>จำนวนคนที่เข้าถึง/)
    expect(other.lastHtml).not.toContain('23.8%')
    expect(other.lastHtml).not.toContain('เตือนก่อนปีใหม่')
  })

  test('published, the public page carries the same totals', async () => {
    const owner = await as('owner@agency.go.th', PASSWORD_A)
    await owner.get('/admin/evidence/2569')
    await owner.post('/admin/evidence/public', { enabled: '1' })
    const res = await t.app.request('http://localhost/public/ita/2569')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(section(html, 'nogift')).toMatch(/<td class="people">6<\/td>[\s\S]*?<td class="ack-rate">23.8%/)
    expect(html).not.toContain('data-unit') // nothing by unit or group
    expect(html).not.toContain('ทุกกอง')
    expect(html).not.toContain('เตือนก่อนปีใหม่')
  })
})
