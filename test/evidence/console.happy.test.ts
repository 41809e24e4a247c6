import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type { DbKind } from '../helpers/db.js'
import { evidenceAudit, evidenceWorld } from './console.fixture.js'
import { calls } from './mock-report.js'

// The evidence pages through the console, on a stand-in report service (mock-report.ts).
vi.mock('../../src/evidence/report.js', () => import('./mock-report.js'))

const kind: DbKind = 'pglite'

describe('evidence in the console', () => {
  let w: Awaited<ReturnType<typeof evidenceWorld>>
  beforeEach(async () => {
    w = await evidenceWorld(kind)
    calls.length = 0
  })
  afterEach(() => w.t.close())

  test('the selector lands on the current fiscal year; the page shows it and is audited', async () => {
    const auditor = await w.as('auditor@agency.go.th')
    const to = await auditor.get('/admin/evidence')
    expect(to.headers.get('location')).toBe('/admin/evidence/2570')
    expect((await auditor.get('/admin/evidence?fy=2569')).headers.get('location')).toBe(
      '/admin/evidence/2569',
    )
    const page = await auditor.get('/admin/evidence/2569')
    expect(page.status).toBe(200)
    expect(auditor.lastHtml).toContain('ปีงบประมาณ 2569')
    expect(auditor.lastHtml.match(/class="measure-row"/g)).toHaveLength(5)
    expect(auditor.lastHtml).toContain('href="/admin/complaints/stats?fy=2569"')
    expect(auditor.lastHtml).not.toContain('id="public"') // the switch is the owner's
    expect(calls).toEqual([{ orgId: 'default', fy: 2569 }])
    expect(await evidenceAudit(w.t, 'default')).toEqual([
      {
        action: 'evidence.viewed',
        target: 'ita-evidence-2569',
        detail: null,
        actor_email: 'auditor@agency.go.th',
      },
    ])
  })

  test('CSV and XLSX downloads: type, file name, audited', async () => {
    const caster = await w.as('caster@agency.go.th')
    const csv = await caster.get('/admin/evidence/2569/export.csv')
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="ita-evidence-2569.csv"')
    const xlsx = await caster.get('/admin/evidence/2569/export.xlsx')
    expect(xlsx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="ita-evidence-2569.xlsx"')
    expect(xlsx.headers.get('cache-control')).toBe('no-store')
    const rows = await evidenceAudit(w.t, 'default')
    expect(rows.map((r) => [r.action, r.target])).toEqual([
      ['evidence.exported', 'ita-evidence-2569.csv'],
      ['evidence.exported', 'ita-evidence-2569.xlsx'],
    ])
  })

  test('per ITA item, print, several years: each a page of its own, each read audited', async () => {
    const owner = await w.as('owner-a@agency.go.th')
    await owner.get('/admin/evidence/2569/items')
    expect(owner.lastHtml).toMatch(/data-item="o21"[\s\S]*?data-measure="nogift"/)
    expect(owner.lastHtml).toContain('<b>I27, O39, O40, O41</b>')
    await owner.get('/admin/evidence/2569/print')
    expect(owner.lastHtml).toContain('size:A4 portrait')
    expect(owner.lastHtml).toContain('<p class="org" id="org-name">กรมส่งเสริมตัวอย่าง</p>')
    await owner.get('/admin/evidence/years?from=2566&to=2569')
    const nogift = owner.lastHtml.slice(owner.lastHtml.indexOf('data-measure="nogift"'))
    expect(nogift.slice(0, nogift.indexOf('</section>')).match(/<tr class="year"/g)).toHaveLength(4)
    expect(owner.lastHtml).toMatch(/data-fy="2569">[\s\S]*?<td class="people">109</)
    const rows = await evidenceAudit(w.t, 'default')
    expect(rows.map((r) => [r.target, r.detail])).toEqual([
      ['ita-evidence-2569', 'items'],
      ['ita-evidence-2569', 'print'],
      ['years-2566-2569', null],
    ])
  })

  test('the No Gift Policy report (O33): totals of the register only, and its CSV', async () => {
    await w.gift('default', 1, '800', 'returned')
    await w.gift('default', 2, '2500', 'returned')
    await w.gift('default', 3, '12000', 'handed_over')
    await w.gift('north', 4, '900', 'kept')
    await w.gift('default', 5, '500', 'kept', '2025-09-30') // the year before
    const auditor = await w.as('auditor@agency.go.th')
    await auditor.get('/admin/evidence/2569/nogift')
    const html = auditor.lastHtml
    expect(html).toContain('รายงานผลการดำเนินการตามนโยบาย No Gift Policy')
    expect(html).toContain('<b id="gift-total">3</b>')
    expect(html).toMatch(/id="by-band"[\s\S]*?data-key="upto3000"><td>ไม่เกิน 3,000 บาท<\/td><td class="n">2</)
    expect(html).toMatch(/id="by-handling"[\s\S]*?data-key="handed_over"><td>[^<]*<\/td><td class="n">1</)
    expect(html).toContain('<b id="pledged">121</b>')
    expect(html).toContain('ประกาศ ณ วันที่ 1 ตุลาคม 2568')
    expect(html.match(/class="reminder"/g)).toHaveLength(4)
    for (const secret of ['กระเช้า', 'GR-2569-T']) expect(html).not.toContain(secret)
    const csv = await auditor.get('/admin/evidence/2569/nogift.csv')
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="no-gift-policy-2569.csv"')
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // the BOM Excel needs for Thai
    const text = new TextDecoder().decode(bytes)
    expect(text).toContain('2569,gift.band,"ไม่เกิน 3,000 บาท",2')
    expect(text).not.toContain('กระเช้า')
    expect((await evidenceAudit(w.t, 'default')).map((r) => r.target)).toEqual([
      'no-gift-policy-2569',
      'no-gift-policy-2569.csv',
    ])
  })

  test('the old engagement page sends people to the evidence', async () => {
    const caster = await w.as('caster@agency.go.th')
    const old = await caster.get('/admin/engagement?fy=2569')
    expect(old.status).toBe(301)
    expect(old.headers.get('location')).toBe('/admin/evidence/2569')
    expect((await caster.get('/admin/engagement')).headers.get('location')).toBe('/admin/evidence')
    await caster.get('/admin/home')
    expect(caster.lastHtml).toContain('href="/admin/evidence"')
    expect(caster.lastHtml).not.toContain('/admin/engagement')
  })
})
