import { describe, expect, it } from 'vitest'
import { ASK_DATA, budgetMessage, CONCERN_DATA } from '../../src/budget/flex.js'
import { cardMessages } from '../../src/budget/service.js'
import { type SummaryRow, summarize } from '../../src/budget/summary.js'
import { wordingFor } from '../../src/budget/wording.js'
import { checkMessages } from '../../src/line/limits.js'
import { renderMessages } from '../../src/simulator/render.js'
import { shippedFlows } from '../helpers/flows.js'

const flows = shippedFlows()

const rows: SummaryRow[] = [
  ['สำนักปลัด', 2_394_050_000n, 1_184_110_075n],
  ['กองคลัง', 421_500_000n, 238_015_075n],
  ['กองช่าง', 1_544_000_000n, 277_740_000n],
  ['กองการศึกษาฯ', 844_000_000n, 477_423_040n],
  ['กองสาธารณสุข', 300_000_000n, 30_000_000n],
  ['หน่วยตรวจสอบภายใน', 50_000_000n, 40_000_000n],
  ['กองสวัสดิการสังคม', 120_000_000n, 90_000_000n],
].map(([unit, allocation, disbursement]) => ({
  period: 'Q2',
  unit: String(unit),
  plan: 'แผนงาน',
  allocation: BigInt(allocation ?? 0n),
  commitment: 0n,
  disbursement: BigInt(disbursement ?? 0n),
  target: (BigInt(allocation ?? 0n) * 52n) / 100n,
}))

const summary = (unit?: string) => {
  const s = summarize({ fiscalYear: 2569, asOf: '2026-11-15', rows }, unit ? { unit } : {})
  if (!s) throw new Error('no summary')
  return s
}
const json = (v: unknown) => JSON.stringify(v)

describe('the budget card (Flex)', () => {
  it('fits LINE: within limits, altText under 1,500, drawn by the simulator as a bubble', () => {
    const messages = cardMessages(flows, summary())
    expect(checkMessages(messages)).toEqual([])
    const [card] = messages
    expect(card?.type).toBe('flex')
    expect(card?.type === 'flex' && card.altText.length).toBeLessThanOrEqual(1_500)
    const html = renderMessages(messages)
    expect(html).toContain('lc-bubble')
    expect(html).not.toContain('lc-alt') // nothing the renderer had to fall back on
  })

  it('shows totals, bars as percentage widths, 3 behind and 3 ahead, a Thai date and the two buttons', () => {
    const s = summary()
    const card = budgetMessage(s, wordingFor(flows, s))
    const text = json(card.contents)
    // 23,372,881.90 of 56,735,500.00 disbursed = 41.2 %; the target 52.0 %.
    expect(s.totals.disbursedPct).toBe(412)
    expect(text).toContain('"width":"41.2%"')
    expect(text).toContain('"width":"52%"')
    expect(text).toContain('"text":"41.2%"')
    expect(text).toContain('"text":"56.74"') // allocation in millions of baht
    expect(text).toContain('ข้อมูล ณ วันที่ 15 พ.ย. 2569')
    expect(text).not.toMatch(/Figures|Disbursed|Budget/) // one language: Thai for this reader
    for (const name of ['กองสาธารณสุข', 'กองช่าง', 'สำนักปลัด']) expect(text).toContain(name)
    for (const name of ['หน่วยตรวจสอบภายใน', 'กองสวัสดิการสังคม', 'กองการศึกษาฯ']) expect(text).toContain(name)
    expect(text).not.toContain('กองคลัง') // fourth ahead: not shown
    expect(s.behind.map((l) => l.name)).toEqual(['กองสาธารณสุข', 'กองช่าง', 'สำนักปลัด'])
    expect(s.ahead.map((l) => l.name)).toEqual(['หน่วยตรวจสอบภายใน', 'กองสวัสดิการสังคม', 'กองการศึกษาฯ'])
    const actions = [...text.matchAll(/"type":"postback","label":"([^"]+)","data":"([^"]+)"/g)].map((m) => [
      m[1],
      m[2],
    ])
    expect(actions).toEqual([
      ['สอบถาม', ASK_DATA],
      ['ทักท้วง', CONCERN_DATA],
    ])
    expect(ASK_DATA).toBe('action=budget-ask&kind=ask')
    expect(CONCERN_DATA).toBe('action=budget-ask&kind=concern')
    expect(card.altText).toMatch(/^สรุปงบประมาณ ปีงบประมาณ 2569 ไตรมาส 2/)
    expect(card.altText).toContain('เบิกจ่ายแล้ว 41.2% ของงบ 56.74 ล้านบาท (เป้าหมาย 52.0%)')
  })

  it('in English the whole card is English, the date in the Buddhist era without "น."', () => {
    const s = summary()
    const card = budgetMessage(s, wordingFor(flows.inLang('en'), s))
    const text = json(card)
    expect(text).toContain('Figures as of 15 Nov 2569 BE')
    expect(text).toContain('Budget summary, fiscal year 2569')
    expect(text).toContain('"label":"Ask"')
    expect(card.altText).toMatch(/^Budget FY 2569 Q2/)
    // Thai only in the unit names, which are the agency's own data.
    const units = new Set(rows.map((r) => r.unit))
    const thai = [...text.matchAll(/"text":"([^"]*[\u0e00-\u0e7f][^"]*)"/g)].map((m) => m[1])
    expect(thai.filter((t) => !units.has(t ?? ''))).toEqual([])
  })

  it("a unit's card names the unit and adds the agency-wide line", () => {
    const s = summary('กองคลัง')
    const text = json(budgetMessage(s, wordingFor(flows, s)))
    expect(text).toContain('หน่วยงาน กองคลัง')
    expect(text).toContain('ภาพรวมหน่วยงาน: เบิกจ่ายแล้ว 41.2% · เป้าหมายการเบิกจ่าย 52.0%')
    expect(text).toContain('"width":"56.5%"') // 2,380,150.75 of 4,215,000.00
  })

  it('a name too long for the altText is clipped, and a card LINE would refuse falls back to text', () => {
    const long = 'ก'.repeat(1_600)
    const s = summarize(
      { fiscalYear: 2569, asOf: '2026-11-15', rows: rows.map((r) => ({ ...r, unit: long })) },
      { unit: long },
    )
    if (!s) throw new Error('no summary')
    const card = budgetMessage(s, wordingFor(flows, s))
    expect(card.altText.length).toBe(1_500)
    // 30 KB of names overflow a bubble: the reply is then the altText alone, still within limits.
    const wide = rows.map((r, i) => ({ ...r, unit: `${'ข'.repeat(4_000)}${i}` }))
    const s2 = summarize({ fiscalYear: 2569, asOf: '2026-11-15', rows: wide })
    if (!s2) throw new Error('no summary')
    const messages = cardMessages(flows, s2)
    expect(messages[0]?.type).toBe('text')
    expect(checkMessages(messages)).toEqual([])
  })
})
