import { describe, expect, test } from 'vitest'
import { consoleWords } from '../../src/console/i18n.js'
import type { View } from '../../src/console/layout.js'
import { csvText } from '../../src/core/csv.js'
import { AckChart, axisTop, ReachChart } from '../../src/evidence/charts.js'
import { pct } from '../../src/evidence/format.js'
import { PrintPage } from '../../src/evidence/print-page.js'
import { PublicPage } from '../../src/evidence/public-page.js'
import { ReportPage } from '../../src/evidence/report-page.js'
import { emptyFixture, fixtureReport } from './fixture.js'

// The pages laid out from a hand-made report (fixture.ts): what each shows and what it must not.

const view = (lang: 'th' | 'en' = 'th'): View => ({
  t: consoleWords(lang),
  lang,
  nonce: 'nonce',
  csrf: 'csrf',
  admin: null,
  orgName: 'กรมส่งเสริมตัวอย่าง',
  path: '/admin/evidence/2569',
  date: (d) => d.toISOString(),
})
const ctx = { lang: 'th' as const, tz: 'Asia/Bangkok' }
const reportHtml = (report = fixtureReport(), lang: 'th' | 'en' = 'th') =>
  String(
    ReportPage({
      v: view(lang),
      ctx: { ...ctx, lang },
      report,
      years: [2570, 2569],
      publicState: null,
      flash: null,
    }),
  )
const section = (html: string, id: string) => {
  const start = html.indexOf(`<section class="measure" data-measure="${id}"`)
  return html.slice(start, html.indexOf('</section>', start))
}

describe('the fiscal-year report page', () => {
  test("each measure is a results table in the agencies' six columns, outcome against targets", () => {
    const html = reportHtml()
    for (const head of ['มาตรการ', 'กิจกรรม', 'ผลการดำเนินงาน', 'หน่วยงานรับผิดชอบ', 'ระยะเวลา', 'ผลลัพธ์']) {
      expect(html).toContain(`<th scope="col">${head}</th>`)
    }
    expect(html.match(/<tr class="measure-row"/g)).toHaveLength(5)
    const nogift = section(html, 'nogift')
    expect(nogift).toContain('แจ้งเตือน 4 ครั้ง เข้าถึง 180 คน')
    expect(nogift).toMatch(/data-state="met"[\s\S]*เป้าหมาย 4 · ผล 4 — <b class="state met">บรรลุ/)
    expect(section(html, 'complaints')).toContain('<b class="state notMet">ไม่บรรลุ</b>')
    // Sends on their Bangkok calendar day, Buddhist era; reach and acknowledgment rate.
    expect(nogift).toContain('22 ธ.ค. 2568')
    expect(nogift).toMatch(/<b>180<\/b>จำนวนคนที่เข้าถึง/)
    expect(nogift).toMatch(/<b>60.5%<\/b>อัตราการรับทราบ/)
    expect(nogift).toMatch(/data-unit="กองคลัง">[\s\S]*?<td class="rate">75.0%/)
  })

  test('complaint figures stay protected: 1–4 shows as "<5", with the legend', () => {
    const complaints = section(reportHtml(), 'complaints')
    expect(complaints).toMatch(/data-kind="complaint.filed">[\s\S]*?<td class="count">&lt;5<\/td>/)
    expect(complaints).toContain('&quot;&lt;5&quot; = 1–4')
  })

  test("a measure naming items outside this year's form carries a warning", () => {
    const html = reportHtml()
    expect(section(html, 'ethics')).toContain('role="alert"')
    expect(section(html, 'ethics')).toContain('<b>I27, O39, O40, O41</b>')
    expect(section(html, 'nogift')).not.toContain('outside-form')
  })

  test('a year with no data says so instead of a table of zeros', () => {
    const html = reportHtml(emptyFixture())
    expect(html).toContain('id="empty"')
    expect(html).toContain('ยังไม่มีข้อมูลการดำเนินงานในปีงบประมาณนี้')
    expect(html).not.toContain('class="measure-row"')
  })

  test('English beside Thai, years still Buddhist era', () => {
    const html = reportHtml(fixtureReport(), 'en')
    expect(html).toContain('Evidence of the measures (ITA) · Fiscal year 2569')
    expect(html).toContain('22 Dec 2568 BE')
    expect(html).toContain('<th scope="col">Responsible unit</th>')
  })
})

describe('charts', () => {
  test('the reach curve rises month by month from October; one bar per unit', () => {
    const nogift = fixtureReport().measures.find((m) => m.id === 'nogift')
    if (!nogift) throw new Error('fixture without nogift')
    const reach = String(ReachChart({ lang: 'th', months: nogift.reach.byMonth, id: 'r' }))
    const totals = [...reach.matchAll(/data-total="(\d+)"/g)].map((m) => Number(m[1]))
    expect(totals).toEqual([0, 0, 95, 115, 145, 150, 170, 172, 172, 172, 172, 180])
    expect(reach).toContain('ต.ค. 68')
    const bars = String(AckChart({ lang: 'th', units: nogift.reach.byUnit, id: 'a' }))
    expect(bars.match(/<rect class="bar"/g)).toHaveLength(4)
    expect(bars).toContain('ไม่ทราบ')
    expect(axisTop(212)).toBe(250)
    expect(axisTop(0)).toBe(10)
  })
})

describe('print and public pages', () => {
  test('the print page is A4 in Thai with the header the OIT evidence needs', () => {
    const html = String(
      PrintPage({
        report: fixtureReport(),
        lang: 'th',
        nonce: 'n',
        tz: 'Asia/Bangkok',
        backHref: '/admin/evidence/2569',
      }),
    )
    expect(html).toContain('@page{size:A4 portrait')
    expect(html).toContain('ประจำปีงบประมาณ พ.ศ. 2569')
    expect(html).toContain('ข้อมูล ณ วันที่ 30 ก.ย. 2569')
    expect(html).toContain('counter(page)')
    expect(html).not.toContain('<script')
  })

  test('with ?lang=en the print page is the same document in English', () => {
    const html = String(
      PrintPage({
        report: fixtureReport(),
        lang: 'en',
        nonce: 'n',
        tz: 'Asia/Bangkok',
        backHref: '/admin/evidence/2569',
      }),
    )
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('fiscal year B.E. 2569 (2025–2026)')
    expect(html).toContain('Figures as of')
    expect(html).toContain('Publishing the budget to staff')
    expect(html).not.toContain('ประจำปีงบประมาณ')
    expect(html).not.toContain('จัดทำจาก')
  })

  test('the public page shows totals only: no broadcast title, audience or unit', () => {
    const html = String(
      PublicPage({ report: fixtureReport(), lang: 'th', nonce: 'n', tz: 'Asia/Bangkok', other: '?lang=en' }),
    )
    expect(section(html, 'nogift')).toMatch(/<td class="people">180<\/td>/)
    expect(section(html, 'nogift')).toMatch(/<td class="sends">4<\/td>/)
    expect(section(html, 'complaints')).toMatch(/<td class="count">&lt;5<\/td>/)
    for (const hidden of ['No Gift Policy ช่วงปีใหม่', 'ทุกกอง', 'สำนักงานเลขานุการกรม', 'ไม่ระบุหน่วยงาน']) {
      expect(html).not.toContain(hidden)
    }
  })
})

describe('formatting', () => {
  test('rates, and CSV that a spreadsheet will not run as a formula', () => {
    expect(pct(40 / 70, '?')).toBe('57.1%')
    expect(pct(null, 'ไม่ทราบ')).toBe('ไม่ทราบ')
    expect(csvText([['=HYPERLINK("x")', '-5', 'a,b']])).toBe('\uFEFF"\'=HYPERLINK(""x"")",-5,"a,b"\r\n')
  })
})
