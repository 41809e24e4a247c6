import { describe, expect, it } from 'vitest'
import type { Lang } from '../../src/core/lang.js'
import { position, renderPrompt, renderSummary } from '../../src/flows/render-form.js'
import { renderFaq, renderGuide } from '../../src/flows/render-guide.js'
import { renderAnswer, renderQuestion } from '../../src/flows/render-quiz.js'
import type { GuideDef } from '../../src/flows/schema-dialogues.js'
import { shippedFlows } from '../helpers/flows.js'

// Every message the bot sends from flows/, rendered in Thai and in English: one language each.

const flows = shippedFlows()
const ROUND = 'r'.repeat(32)

/** Everything a person reads in a message: texts, alt texts, labels, display texts. */
function shown(value: unknown): string[] {
  const out: string[] = []
  const walk = (v: unknown, key = '') => {
    if (typeof v === 'string' && ['text', 'altText', 'label', 'displayText'].includes(key)) out.push(v)
    else if (Array.isArray(v)) for (const x of v) walk(x)
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k)
  }
  walk(value)
  return out
}

function everything(lang: Lang, fill: string): unknown[] {
  const vars = Object.fromEntries(Object.keys(flows.samples).map((k) => [k, fill]))
  const out: unknown[] = flows.keys().map((k) => flows.render(k, vars, { lang }))
  for (const g of flows.guides.values()) out.push(renderGuide(g, { lang }))
  for (const f of flows.faqs.values()) out.push(renderFaq(f, flows.guides, lang))
  for (const [id, q] of flows.quizzes) {
    q.questions.forEach((_, i) => {
      const next = i + 1 < q.questions.length ? i + 1 : null
      out.push(renderQuestion(id, q, i, ROUND, { lang }))
      out.push(renderAnswer(id, q, i, 0, { round: ROUND, score: 0, next }, { lang }).messages)
    })
  }
  for (const [id, f] of flows.forms) {
    f.fields.forEach((_, i) => {
      out.push(renderPrompt(id, f, i, { lang, today: '2026-11-22' }))
    })
    out.push(renderSummary(id, f, {}, lang))
  }
  return out
}

/** Latin words a Thai screen may carry: names that have no Thai form, and the language switch. */
const ALLOWED_ON_THAI = new Set(['No Gift Policy', 'English', 'ITA', 'LINE', 'LINE ID', 'IP', 'PO', 'OIT'])

describe('one language at a time', () => {
  it('a Thai screen has no English beside the Thai', () => {
    const latin = everything('th', 'ก')
      .flatMap(shown)
      .flatMap((s) => s.match(/[A-Za-z][A-Za-z ]*[A-Za-z]|[A-Za-z]/g) ?? [])
      .filter((w) => /[A-Za-z]{2,}/.test(w) && !ALLOWED_ON_THAI.has(w.trim()))
    expect([...new Set(latin)]).toEqual([])
  })

  it('an English screen has no Thai, but the switch back to Thai named in Thai', () => {
    const thai = everything('en', 'X')
      .flatMap(shown)
      .filter((s) => /[\u0e00-\u0e7f]/.test(s) && s !== 'ภาษาไทย')
    expect(thai).toEqual([])
  })
})

describe('labels that fit what they label', () => {
  const guide = (id: string): GuideDef => {
    const g = flows.guides.get(id)
    if (!g) throw new Error(`no guide ${id}`)
    return g
  }
  const texts = (g: GuideDef, lang: Lang) => shown(renderGuide(g, { lang })).join('\n')

  it('a guide has steps; the ethical standards and the hotlines are items of a list', () => {
    expect(texts(guide('assets.it'), 'th')).toMatch(/ขั้นที่ 1\/6[\s\S]*จบขั้นตอนแล้ว/)
    expect(texts(guide('assets.it'), 'en')).toMatch(/Step 1 of 6[\s\S]*That is every step/)
    for (const id of ['ethics', 'channels']) {
      const th = texts(guide(id), 'th')
      expect(th).toMatch(/ข้อ 1\//)
      expect(th).not.toMatch(/ขั้นที่|ขั้นตอน|Step/)
      expect(texts(guide(id), 'en')).not.toMatch(/Step|step/)
    }
    expect(texts(guide('ethics'), 'th')).toMatch(/ครบ 7 ข้อแล้ว/)
    expect(texts(guide('channels'), 'th')).toMatch(/ร้องเรียนผ่านบัญชีนี้ได้ทางแชต 1:1/)
  })

  it('the complaint counter counts only the questions that apply: no jump from 7/10 to 10/10', () => {
    const form = flows.forms.get('complaint')
    if (!form) throw new Error('no complaint form')
    const walk = (identity: 'anonymous' | 'named') => {
      const answers: Record<string, string> = {}
      const seen: string[] = []
      form.fields.forEach((f, i) => {
        if (f.when && answers[f.when.field] !== f.when.is) return
        const { at, total } = position(form, i, answers)
        seen.push(`${at}/${total}`)
        answers[f.id] = f.id === 'identity' ? identity : 'x'
      })
      return seen
    }
    expect(walk('anonymous')).toEqual(['1/8', '2/8', '3/8', '4/8', '5/8', '6/8', '7/8', '8/8'])
    expect(walk('named')).toEqual(['1/8', '2/8', '3/8', '4/8', '5/8', '6/8', '7/8', '8/10', '9/10', '10/10'])
    const prompt = renderPrompt('complaint', form, 9, {
      lang: 'th',
      today: '2026-11-22',
      answers: { identity: 'anonymous' },
    })
    expect(prompt.type === 'text' && prompt.text).toMatch(/\(8\/8\)/)
  })
})
