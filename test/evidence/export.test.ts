import { unzipSync } from 'fflate'
import readXlsxFile from 'read-excel-file/universal'
import { describe, expect, it } from 'vitest'
import { reportCsv } from '../../src/evidence/export-csv.js'
import { detailRows, type ExportRow, resultRows } from '../../src/evidence/export-rows.js'
import { reportXlsx } from '../../src/evidence/export-xlsx.js'
import type { EvidenceReport, MeasureReport } from '../../src/evidence/types.js'

// The CSV and XLSX exports read back: the agencies' table layout, Thai intact, numbers as
// numbers, hidden complaint cells still hidden, and nothing a spreadsheet would run.

const months = Array.from({ length: 12 }, (_, i) => ({
  month: `${i < 3 ? 2025 : 2026}-${String(((i + 9) % 12) + 1).padStart(2, '0')}`,
  delivered: i === 2 ? 2 : 0,
  newlyReached: i === 2 ? 4 : 0,
  acknowledgments: i === 2 ? 4 : 0,
}))

const nogift: MeasureReport = {
  id: 'nogift',
  name: { th: 'มาตรการ No Gift Policy', en: 'No Gift Policy' },
  unit: 'กองยุทธศาสตร์และแผนงาน',
  period: 'ต.ค. 2568 – ก.ย. 2569',
  activities: [
    { th: 'ประกาศเจตนารมณ์', en: 'Declaration' },
    { th: 'แจ้งเตือนก่อนเทศกาล, "ปีใหม่"', en: 'Reminders' },
  ],
  items: [{ code: 'o21', text: { th: 'ประกาศเจตนารมณ์ No Gift Policy', en: 'Declaration' } }],
  itemsOutsideForm: [],
  broadcasts: [
    {
      broadcastId: 'b1',
      title: '=HYPERLINK("http://evil.example")',
      audience: 'ทุกกอง',
      sentAt: [new Date('2025-12-20T02:00:00Z')],
      recipients: 3,
      delivered: 2,
      failed: 1,
    },
  ],
  reach: {
    groups: 2,
    people: 6,
    deliveries: 3,
    acknowledgments: 5,
    ackRate: 4 / 21,
    byUnit: [
      { unit: 'กองคลัง', groups: 1, delivered: 1, acknowledgments: 3, ackRate: 0.3 },
      { unit: 'แชต 1:1 / 1:1 chats', groups: 0, delivered: 1, acknowledgments: 1, ackRate: null },
    ],
    byMonth: months,
  },
  returned: [
    {
      kind: 'pledge',
      label: { th: 'กดรับทราบ', en: 'Pledged' },
      count: { kind: 'count', n: 5 },
      people: 4,
      detail: null,
    },
    {
      kind: 'complaint.channel.web',
      label: { th: 'ทางเว็บไซต์', en: 'Web' },
      count: { kind: 'small' },
      people: null,
      detail: null,
    },
  ],
  targets: [
    {
      metric: 'ack_rate',
      label: { th: 'ร้อยละผู้กดรับทราบ', en: 'Ack rate' },
      target: 60,
      actual: 19,
      met: false,
    },
  ],
  summary: { th: 'ส่งข้อความ 1 ครั้ง ถึงกลุ่มไลน์ 2 กลุ่ม', en: '1 broadcast to 2 LINE groups' },
}

const report: EvidenceReport = {
  orgId: 'default',
  orgName: 'กรมตัวอย่าง',
  fiscalYear: 2569,
  form: '2568',
  from: '2025-10-01',
  to: '2026-09-30',
  upTo: '2026-09-30',
  generatedAt: new Date('2026-11-22T03:00:00Z'),
  timeZone: 'Asia/Bangkok',
  measures: [nogift],
  empty: false,
}

/** RFC 4180, enough for the test: quoted cells with doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]]
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      rows.at(-1)?.push(cell)
      cell = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.at(-1)?.push(cell)
      cell = ''
      rows.push([])
      i++
    } else cell += c
  }
  return rows.slice(0, -1)
}

const trimmed = (rows: readonly (readonly unknown[])[]) =>
  rows
    .map((r) => {
      const out = [...r]
      while (out.length > 0 && (out.at(-1) === '' || out.at(-1) === null)) out.pop()
      return out.map((x) => (x === null ? '' : x))
    })
    .filter((r) => r.length > 0)

describe('evidence exports', () => {
  it("CSV: a BOM, the results table in the agencies' columns, then the figures, formulas defused", () => {
    const csv = reportCsv(report, 'th')
    expect(csv.startsWith('\uFEFF')).toBe(true)
    const rows = parseCsv(csv.slice(1))
    expect(rows[0]).toEqual(['ปีงบประมาณ 2569', 'กรมตัวอย่าง', 'ข้อมูล ณ วันที่ 30 ก.ย. 2569'])
    expect(rows[1]).toEqual([
      'มาตรการ',
      'กิจกรรม',
      'ผลการดำเนินงาน',
      'หน่วยงานรับผิดชอบ',
      'ระยะเวลา',
      'ผลลัพธ์ (เป้าหมาย / ผล)',
    ])
    expect(rows[2]).toEqual([
      'มาตรการ No Gift Policy',
      '1. ประกาศเจตนารมณ์\n2. แจ้งเตือนก่อนเทศกาล, "ปีใหม่"',
      'ส่งข้อความ 1 ครั้ง ถึงกลุ่มไลน์ 2 กลุ่ม',
      'กองยุทธศาสตร์และแผนงาน',
      'ต.ค. 2568 – ก.ย. 2569',
      'ร้อยละผู้กดรับทราบ: 60 / 19 (ไม่บรรลุ)',
    ])
    const broadcast = rows.find((r) => r[2] === 'ทุกกอง')
    expect(broadcast).toEqual([
      '',
      `'=HYPERLINK("http://evil.example")`,
      'ทุกกอง',
      '20 ธ.ค. 2568',
      '3',
      '2',
      '1',
    ])
    expect(rows).toContainEqual(['', '2', '6', '3', '5', '19'])
    expect(rows).toContainEqual(['', 'กองคลัง', '1', '1', '3', '30'])
    expect(rows).toContainEqual(['', 'แชต 1:1 / 1:1 chats', '0', '1', '1', 'ไม่ทราบ'])
    expect(rows).toContainEqual(['', 'ธ.ค. 2568', '2', '4', '4'])
    expect(rows).toContainEqual(['', 'ทางเว็บไซต์', '<5', '', ''])
    expect(rows).toContainEqual(['', 'ร้อยละผู้กดรับทราบ', '60', '19', 'ไม่บรรลุ'])
    expect(parseCsv(reportCsv(report, 'en').slice(1))[1]?.[0]).toBe('Measure')
  })

  it('XLSX: two sheets that read back cell for cell, numbers as numbers, no formula anywhere', async () => {
    const bytes = await reportXlsx(report)
    const files = unzipSync(bytes)
    const xml = new TextDecoder().decode(files['xl/worksheets/sheet2.xml'])
    expect(xml).not.toMatch(/<f[ >]/)
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
    const sheets = await readXlsxFile(buffer)
    expect(sheets.map((s) => s.sheet)).toEqual(['ผลการดำเนินงาน', 'รายละเอียด'])
    const expected = (rows: ExportRow[]) => trimmed(rows)
    expect(trimmed(sheets[0]?.data ?? [])).toEqual(expected(resultRows(report, 'th')))
    expect(trimmed(sheets[1]?.data ?? [])).toEqual(expected(detailRows(report, 'th')))
    const title = (sheets[1]?.data ?? []).find((r) => r[2] === 'ทุกกอง')
    expect(title?.[1]).toBe('=HYPERLINK("http://evil.example")')
    expect(title?.[4]).toBe(3)
  })

  it('an empty year says so in both', async () => {
    const empty = { ...report, empty: true, measures: [] }
    expect(reportCsv(empty, 'th')).toContain('ยังไม่มีข้อมูลการดำเนินงานในปีงบประมาณนี้')
    const bytes = await reportXlsx(empty)
    const sheets = await readXlsxFile(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    )
    expect(trimmed(sheets[0]?.data ?? []).at(-1)).toEqual(['ยังไม่มีข้อมูลการดำเนินงานในปีงบประมาณนี้'])
  })
})
