import { afterEach, describe, expect, test } from 'vitest'
import { auditActions } from '../admin/helpers.js'
import type { TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import {
  budgetApp,
  count,
  fixture,
  GROUP_ALL,
  GROUP_FINANCE,
  loggedIn,
  upload,
  versionIdFrom,
} from './helpers.js'

const csvFile = () => ({ bytes: fixture('budget-2569.csv'), name: 'งบประมาณ-2569.csv' })
const xlsxFile = () => ({ bytes: fixture('budget-2569.xlsx'), name: 'budget-2569.xlsx' })

describe.each(DB_KINDS)('budget console, happy path (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('upload a CSV → version 1 with its summary, card preview and a monthly broadcast to every group', async () => {
    const made = await budgetApp(kind)
    t = made.t
    const owner = await loggedIn(t, 'owner')
    await owner.get('/admin/budget/upload')
    expect(owner.lastHtml).toContain('enctype="multipart/form-data"')
    expect(owner.lastHtml).toContain('กองคลัง') // a unit label to choose as audience
    const { res } = await upload(t, owner, csvFile())
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toMatch(/\?m=m_created$/)
    const id = versionIdFrom(res)

    await owner.get(res.headers.get('location') ?? '')
    const page = owner.lastHtml
    expect(page).toContain('สร้างข้อความประกาศรายเดือนแล้ว')
    expect(page).toContain('ไตรมาส 2 (ม.ค.–มี.ค. 2569)')
    expect(page).toContain('31 มี.ค. 2569')
    // The whole agency at Q2: 52,035,500.00 allocated, 21,772,881.90 disbursed (41.8 %).
    expect(page).toMatch(/id="total">[\s\S]*?52,035,500\.00[\s\S]*?21,772,881\.90[\s\S]*?41\.8%/)
    expect(page).toContain('class="lc-messages"') // the simulator's renderer
    expect(page).toContain('สรุปงบประมาณ ปีงบประมาณ 2569')
    expect(page).toMatch(/[0-9a-f]{64}/) // the checksum
    expect(await count(t, 'budget_rows')).toBe(18)

    const [b] = await t.deps.db.selectFrom('broadcasts').selectAll().execute()
    expect(b).toMatchObject({
      template: 'budget',
      status: 'scheduled',
      recurrence: '0 9 1 * *',
      measure: 'budget',
    })
    const members = await t.deps.db
      .selectFrom('audience_members')
      .select('value')
      .where('audience_id', '=', b?.audience ?? '')
      .orderBy('value')
      .execute()
    expect(members.map((m) => m.value)).toEqual([GROUP_ALL, GROUP_FINANCE].sort())
    expect(await auditActions(t, 'default')).toEqual(
      expect.arrayContaining(['budget.uploaded', 'broadcast.created', 'broadcast.scheduled']),
    )
    await owner.get('/admin/budget')
    expect(owner.lastHtml).toContain(`/admin/budget/versions/${id}`)
    expect(owner.lastHtml).toContain('(ฉบับปัจจุบัน)')
    expect(owner.lastHtml).toContain('owner@agency.go.th')
  })

  test('a second upload (XLSX, by a broadcaster) becomes current; the first stays viewable; one broadcast', async () => {
    const made = await budgetApp(kind)
    t = made.t
    const owner = await loggedIn(t, 'owner')
    const first = versionIdFrom((await upload(t, owner, csvFile())).res)
    const broadcaster = await loggedIn(t, 'broadcaster')
    const labels = ['กองช่าง', 'กองคลัง', 'กองช่าง']
    const { res } = await upload(t, broadcaster, xlsxFile(), { audience: 'labels', labels })
    expect(res.headers.get('location')).toMatch(/\?m=m_exists$/)
    // Both labels reach the saved audience (a multipart form with a repeated field), sorted.
    const saved = await t.deps.db
      .selectFrom('audiences')
      .select('name')
      .where('name', 'like', 'กอง%')
      .execute()
    expect(saved.map((a) => a.name)).toEqual(['กองคลัง, กองช่าง'])
    const second = versionIdFrom(res)
    expect(await count(t, 'broadcasts')).toBe(1)
    const versions = await t.deps.db
      .selectFrom('budget_versions')
      .select(['id', 'version_no', 'file_type'])
      .orderBy('version_no')
      .execute()
    expect(versions).toEqual([
      { id: first, version_no: 1, file_type: 'csv' },
      { id: second, version_no: 2, file_type: 'xlsx' },
    ])
    await owner.get('/admin/budget')
    const list = owner.lastHtml
    expect(list.indexOf(`/versions/${second}`)).toBeLessThan(list.indexOf(`/versions/${first}`))
    expect(list.match(/\(ฉบับปัจจุบัน\)/g)).toHaveLength(1)
    expect(list).toMatch(new RegExp(`${second}">2</a> \\(ฉบับปัจจุบัน\\)`))
    await owner.get(`/admin/budget/versions/${first}`)
    expect(owner.lastHtml).toContain('งบประมาณ-2569.csv')
    // The same figures in both formats: the same totals.
    await owner.get(`/admin/budget/versions/${second}`)
    expect(owner.lastHtml).toMatch(/id="total">[\s\S]*?52,035,500\.00/)
  })

  test("a unit's card preview; an auditor reads, in English too", async () => {
    const made = await budgetApp(kind)
    t = made.t
    const id = versionIdFrom((await upload(t, await loggedIn(t, 'owner'), csvFile())).res)
    const auditor = await loggedIn(t, 'auditor')
    const unit = await auditor.get(`/admin/budget/versions/${id}?unit=${encodeURIComponent('กองคลัง')}`)
    expect(unit.status).toBe(200)
    expect(auditor.lastHtml).toContain('หน่วยงาน กองคลัง')
    expect(auditor.lastHtml).toContain('ภาพรวมหน่วยงาน: เบิกจ่ายแล้ว 41.8%')
    await auditor.get('/admin/budget?lang=en')
    expect(auditor.lastHtml).toContain('Uploaded versions')
    expect(auditor.lastHtml).not.toContain('id="upload-link"')
    expect(auditor.lastHtml).toContain('href="/admin/budget"') // the menu entry
  })
})
