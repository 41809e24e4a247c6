import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { evidenceAudit, evidenceWorld } from './console.fixture.js'
import { calls } from './mock-report.js'

// Bad input to the evidence pages: a clear page every time, never a 500, nothing audited
// that was not shown.
vi.mock('../../src/evidence/report.js', () => import('./mock-report.js'))

describe('evidence: bad input', () => {
  let w: Awaited<ReturnType<typeof evidenceWorld>>
  beforeEach(async () => {
    w = await evidenceWorld('pglite')
    calls.length = 0
  })
  afterEach(() => w.t.close())

  test('a malformed year is refused before any query, in Thai or English', async () => {
    const auditor = await w.as('auditor@agency.go.th')
    for (const path of [
      '/admin/evidence/abc',
      '/admin/evidence/25690',
      '/admin/evidence/-2569/print',
      '/admin/evidence/2569abc/export.csv',
      '/admin/evidence?fy=x',
      '/admin/evidence/years?from=abc&to=2569',
    ]) {
      const res = await auditor.get(path)
      expect(res.status, path).toBe(400)
      expect(auditor.lastHtml, path).toContain('ปีงบประมาณไม่ถูกต้อง')
    }
    await auditor.get('/admin/evidence/abc?lang=en')
    expect(auditor.lastHtml).toContain('Invalid fiscal year')
    expect(calls).toEqual([])
    expect(await evidenceAudit(w.t, 'default')).toEqual([])
  })

  test("a year the service refuses shows the service's message", async () => {
    const auditor = await w.as('auditor@agency.go.th')
    const res = await auditor.get('/admin/evidence/2599/export.xlsx')
    expect(res.status).toBe(400)
    expect(res.headers.get('content-disposition')).toBeNull()
    expect(auditor.lastHtml).toContain('ไม่มีปีงบประมาณ 2599 ในระบบ')
  })

  test('a range over ten years: the message in Thai and English, not a table', async () => {
    const owner = await w.as('owner-a@agency.go.th')
    const res = await owner.get('/admin/evidence/years?from=2555&to=2569')
    expect(res.status).toBe(400)
    expect(owner.lastHtml).toContain('ช่วงปีงบประมาณยาวเกิน 10 ปี')
    await owner.get('/admin/evidence/years?from=2555&to=2569&lang=en')
    expect(owner.lastHtml).toContain('The range is longer than ten fiscal years')
    expect(owner.lastHtml).not.toContain('class="year"')
  })

  test('a year with no data says so, on the page, the print page and the item view', async () => {
    const auditor = await w.as('auditor@agency.go.th')
    for (const path of ['/admin/evidence/2567', '/admin/evidence/2567/print', '/admin/evidence/2567/items']) {
      expect((await auditor.get(path)).status, path).toBe(200)
      expect(auditor.lastHtml, path).toContain('ยังไม่มีข้อมูลการดำเนินงานในปีงบประมาณนี้')
      expect(auditor.lastHtml, path).not.toContain('class="measure-row"')
    }
  })

  test("a measure naming items outside the year's form: a warning, the rest of the report intact", async () => {
    const auditor = await w.as('auditor@agency.go.th')
    await auditor.get('/admin/evidence/2569')
    const ethics = auditor.lastHtml.slice(auditor.lastHtml.indexOf('data-measure="ethics"'))
    expect(ethics).toContain('คำเตือน: มาตรการนี้ระบุข้อคำถามที่ไม่มีในแบบประเมินของปีนี้')
    expect(ethics).toContain('<b>I27, O39, O40, O41</b>')
    expect(auditor.lastHtml.match(/class="measure-row"/g)).toHaveLength(5)
  })

  test('a complaint officer has no evidence pages; a broadcaster cannot publish', async () => {
    const officer = await w.as('officer@agency.go.th')
    for (const path of ['/admin/evidence/2569', '/admin/evidence/2569/export.csv', '/admin/evidence/years']) {
      expect((await officer.get(path)).status, path).toBe(403)
    }
    const caster = await w.as('caster@agency.go.th')
    await caster.get('/admin/evidence/2569')
    expect((await caster.post('/admin/evidence/public', { enabled: '1' })).status).toBe(403)
    expect(calls.map((c) => c.orgId)).toEqual(['default'])
  })
})
