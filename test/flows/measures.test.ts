import { describe, expect, it } from 'vitest'
import { FlowsError, loadFlows } from '../../src/flows/load.js'
import { shippedFlowFiles } from '../helpers/flows.js'

// Measures (targets, period) and the ITA item catalogue they are checked against.

const shipped = shippedFlowFiles()

function problems(files: Record<string, string>): string[] {
  try {
    loadFlows({ ...shipped, ...files })
  } catch (err) {
    expect(err).toBeInstanceOf(FlowsError)
    return (err as FlowsError).problems
  }
  throw new Error('expected loading to fail')
}

const measure = (extra: string) => `measures:\n  - id: extra\n    name: มาตรการ\n    items: [I7]\n${extra}`

describe('the ITA item catalogue (flows/ita-items.yaml)', () => {
  const flows = loadFlows(shipped)

  it('holds both forms whole: I1–I30, E1–E15, O1–O43 and i1–i15, e1–e9, o1–o28, Thai with an English gloss', () => {
    expect(flows.itaItems['2566'].size).toBe(30 + 15 + 43)
    expect(flows.itaItems['2568'].size).toBe(15 + 9 + 28)
    expect(flows.itaItems['2566'].get('I7')?.th).toBe(
      'ท่านทราบข้อมูลเกี่ยวกับงบประมาณของหน่วยงานหรือของส่วนงานที่ท่านปฏิบัติหน้าที่',
    )
    expect(flows.itaItems['2568'].get('i15')?.en).toMatch(/trust/)
    // Only the FY2568+ OIT items lack their official wording in the sources.
    const topics = [...flows.itaItems['2566'], ...flows.itaItems['2568']]
      .filter(([, d]) => d.topic)
      .map(([c]) => c)
    expect(topics.every((c) => c.startsWith('o'))).toBe(true)
  })

  it('every shipped measure has a period and targets, and its items are in the catalogue', () => {
    for (const m of flows.measures) {
      expect(m.targets.length, m.id).toBeGreaterThan(0)
      expect(
        m.items.every((c) => flows.itaItems['2566'].has(c) || flows.itaItems['2568'].has(c)),
        m.id,
      ).toBe(true)
    }
    expect(flows.measures.find((m) => m.id === 'ethics')?.period).toEqual({ from: '10', to: '06' })
    expect(flows.measures.find((m) => m.id === 'budget')?.period).toBe('fiscal-year')
  })

  it('a catalogue with an item missing, or one the form does not have, fails loading', () => {
    const text = shipped['flows/ita-items.yaml'] ?? ''
    const without = text
      .replace(/^ {4}I24: .*\n/m, '')
      .replace(/^ {4}o28: .*\n/m, '    o28: { th: ข้อ, en: item }\n    o29: { th: ข้อ, en: item }\n')
    expect(problems({ 'flows/ita-items.yaml': without })).toEqual([
      'flows: itaItems.2566: missing I24',
      'flows/ita-items.yaml: itaItems.2568.o29: not an item of the FY2568 form (FY2566–67: I1–I30, E1–E15, O1–O43; FY2568+: i1–i15, e1–e9, o1–o28)',
      // …and the assets measure, which answers I24, now names an item the catalogue lacks.
      expect.stringMatching(/^flows\/measures\.yaml: measures\.1\.items\.5: not an ITA item: "I24"/),
    ])
  })

  it('targets on a metric the report does not compute, a rate over 100%, months out of order', () => {
    const p = problems({
      'flows/x.yaml': measure(
        "    period: { from: '06', to: '10' }\n    targets:\n      - { metric: likes, target: 5 }\n      - { metric: ack_rate, target: 120 }\n",
      ),
    })
    expect(p).toEqual([
      expect.stringMatching(/^flows\/x\.yaml: measures\.0\.period: /),
      expect.stringMatching(/^flows\/x\.yaml: measures\.0\.targets\.0\.metric: /),
      'flows/x.yaml: measures.0.targets.1.target: a rate or score is a percentage: at most 100',
    ])
  })

  it('a target label in Thai only gets the English of its metric', () => {
    const flows = loadFlows({
      ...shipped,
      'flows/x.yaml': measure(
        '    targets:\n      - { metric: pledges, target: 50, label: ร่วมแสดงเจตนารมณ์ }\n',
      ),
    })
    expect(flows.measures.find((m) => m.id === 'extra')?.targets).toEqual([
      { metric: 'pledges', target: 50, label: 'ร่วมแสดงเจตนารมณ์' },
    ])
  })
})
