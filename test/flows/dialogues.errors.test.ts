import { describe, expect, it } from 'vitest'
import { FlowsError, loadFlows } from '../../src/flows/load.js'
import { shippedFlowFiles } from '../helpers/flows.js'

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

const guide = (extra = '', step = '      - { title: ขั้นแรก, body: ทำอย่างนี้ }') =>
  `guides:\n  x.guide:\n    measure: assets\n    title: คู่มือ\n    summary: สรุป\n${extra}    steps:\n${step}\n`

describe('flows dialogues: a mistake fails loading with the file and the path', () => {
  it('a typo in a key of a guide', () => {
    expect(problems({ 'flows/x.yaml': guide('    quizz: assets.check\n') })).toEqual([
      'flows/x.yaml: guides.x.guide.quizz: unknown field',
    ])
  })

  it('a guide, quiz or form naming a measure, quiz or guide that does not exist', () => {
    const p = problems({
      'flows/x.yaml': `${guide('    quiz: nope\n').replace('measure: assets', 'measure: asets')}faqs:\n  x.faq:\n    measure: assets\n    keywords: { th: [คำถามทดสอบ] }\n    answer: ตอบ\n    guide: nope\n`,
    })
    expect(p).toEqual([
      'flows/x.yaml: guides.x.guide.measure: no measure "asets" (defined: budget, assets, nogift, complaints, ethics)',
      'flows/x.yaml: guides.x.guide.quiz: no quiz "nope"',
      'flows/x.yaml: faqs.x.faq.guide: no guide "nope"',
    ])
  })

  it('an ITA item that does not exist in either form of the assessment', () => {
    const p = problems({
      'flows/x.yaml': 'measures:\n  - id: extra\n    name: มาตรการ\n    items: [I7, I31, o29]\n',
    })
    expect(p).toEqual([
      expect.stringMatching(/^flows\/x\.yaml: measures\.0\.items\.1: not an ITA item/),
      expect.stringMatching(/^flows\/x\.yaml: measures\.0\.items\.2: not an ITA item/),
    ])
  })

  it('a quiz answer that is not one of the choices', () => {
    const p = problems({
      'flows/x.yaml':
        'quizzes:\n  x.quiz:\n    measure: assets\n    title: ทดสอบ\n    questions:\n      - text: ถาม\n        choices: [{ label: ก }, { label: ข }]\n        answer: 2\n        explain: เพราะ\n',
    })
    expect(p).toEqual([
      'flows/x.yaml: quizzes.x.quiz.questions.0.answer: answer must be the index of one of the choices (counted from 0)',
    ])
  })

  it('a form question asked "when" a later answer is given, and a label over LINE\'s 20', () => {
    const p = problems({
      'flows/x.yaml':
        'forms:\n  x.form:\n    measure: nogift\n    title: แบบ\n    intro: แนะนำ\n    fields:\n      - { id: a, type: text, prompt: ก, when: { field: b, is: x } }\n      - { id: b, type: choice, prompt: ข, choices: [{ value: x, label: ตัวเลือกที่ยาวมากเกินยี่สิบตัว }, { value: y, label: สั้น }] }\n',
    })
    expect(p).toEqual([
      'flows/x.yaml: forms.x.form.fields.1.choices.0.label: too long (30 characters, max 20)',
    ])
    const q = problems({
      'flows/x.yaml':
        'forms:\n  x.form:\n    measure: nogift\n    title: แบบ\n    intro: แนะนำ\n    fields:\n      - { id: a, type: text, prompt: ก, when: { field: b, is: x } }\n      - { id: b, type: text, prompt: ข }\n',
    })
    expect(q).toEqual(['flows/x.yaml: forms.x.form.fields.0.when.field: no earlier question or preset "b"'])
  })

  it("a guide over LINE's carousel of 12 bubbles", () => {
    const steps = Array.from({ length: 12 }, (_, i) => `      - { title: ขั้น ${i}, body: ทำ }`).join('\n')
    expect(problems({ 'flows/x.yaml': guide('', steps) })).toEqual([
      'flows/x.yaml: guides.x.guide.steps: too many items (12, max 11)',
    ])
  })

  it('a guide keyword already used by an intent', () => {
    const p = problems({ 'flows/x.yaml': guide('    keywords: { th: [งบประมาณ] }\n') })
    expect(p).toEqual([
      expect.stringMatching(
        /^flows\/x\.yaml: guides\.x\.guide\.keywords\.th\.0: keyword "งบประมาณ" is already used by intent "budget"/,
      ),
    ])
  })

  it('a calendar entry with both a yearly date and a list, or a message that does not exist', () => {
    const p = problems({
      'flows/x.yaml':
        'calendar:\n  - { id: a, name: ก, every: 01-01, dates: [2027-01-01], message: nogift.reminder }\n  - { id: b, name: ข, every: 13-01, message: nogift.reminder }\n  - { id: c, name: ค, every: 02-01, message: nope }\n',
    })
    expect(p).toEqual([
      'flows/x.yaml: calendar.0: give either "every" (month-day) or "dates", not both',
      expect.stringMatching(/^flows\/x\.yaml: calendar\.1\.every: /),
    ])
    expect(
      problems({ 'flows/x.yaml': 'calendar:\n  - { id: c, name: ค, every: 02-01, message: nope }\n' }),
    ).toEqual(['flows/x.yaml: calendar.0.message: no message "nope"'])
  })
})
