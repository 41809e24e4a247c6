import { describe, expect, it } from 'vitest'
import { loadFlows } from '../../src/flows/load.js'
import { FlowsRenderError } from '../../src/flows/render.js'
import { shippedFlowFiles } from '../helpers/flows.js'

const shipped = shippedFlowFiles()

const extra = `
placeholders:
  fiscalYear: "2569"
  unit: กองคลัง
messages:
  budget.summary:
    - type: text
      text:
        th: สรุปงบประมาณ ปีงบประมาณ พ.ศ. {{fiscalYear}} โดย {{ unit }}
        en: Budget summary, FY{{fiscalYear}}
      quickReply:
        items:
          - type: action
            action: { type: postback, label: "ถามเรื่อง {{fiscalYear}}", data: "action=ask&fy={{fiscalYear}}" }
          - type: action
            groups: false
            action: { type: message, label: ร้องเรียน, text: ร้องเรียน }
  budget.card:
    - type: flex
      altText: งบประมาณ {{fiscalYear}}
      contents:
        type: bubble
        body:
          type: box
          layout: vertical
          contents:
            - { type: text, text: "{{unit}}", wrap: true }
`
const flows = loadFlows({ ...shipped, 'flows/x-budget.yaml': extra })

describe('render', () => {
  it('says a text in one language: Thai by default, English when asked, never both', () => {
    const vars = { fiscalYear: '2569', unit: 'กองคลัง' }
    expect(flows.render('budget.summary', vars)[0]).toMatchObject({
      type: 'text',
      text: 'สรุปงบประมาณ ปีงบประมาณ พ.ศ. 2569 โดย กองคลัง',
    })
    expect(flows.render('budget.summary', vars, { lang: 'en' })[0]).toMatchObject({
      type: 'text',
      text: 'Budget summary, FY2569',
    })
    // A view renders in its language unless told otherwise; the loaded flows are Thai.
    const en = flows.inLang('en')
    expect(en.lang).toBe('en')
    expect(flows.lang).toBe('th')
    expect(en.render('budget.summary', vars)).toEqual(flows.render('budget.summary', vars, { lang: 'en' }))
    expect(en.render('budget.summary', vars, { lang: 'th' })).toEqual(flows.render('budget.summary', vars))
    expect(flows.inLang('en')).toBe(en)
  })

  it('picks one language in labels, action texts, alt texts and Flex contents', () => {
    const twoLanguages = `
messages:
  x.card:
    - type: flex
      altText: { th: การ์ด, en: Card }
      contents:
        type: bubble
        body:
          type: box
          layout: vertical
          contents:
            - { type: text, text: { th: สวัสดี, en: Hello } }
      quickReply:
        items:
          - type: action
            action: { type: message, label: { th: งบประมาณ, en: Budget }, text: { th: งบประมาณ, en: budget } }
          - type: action
            action: { type: postback, label: { th: เมนู, en: Menu }, data: action=menu, displayText: { th: เมนู, en: menu } }
`
    const f = loadFlows({ ...shipped, 'flows/x-two.yaml': twoLanguages })
    const th = JSON.stringify(f.render('x.card'))
    const en = JSON.stringify(f.render('x.card', {}, { lang: 'en' }))
    for (const word of ['การ์ด', 'สวัสดี', 'งบประมาณ', 'เมนู']) {
      expect(th).toContain(word)
      expect(en).not.toContain(word)
    }
    for (const word of ['Card', 'Hello', 'Budget', 'budget', 'Menu']) {
      expect(th).not.toContain(word)
      expect(en).toContain(word)
    }
    expect(th).not.toMatch(/"th"|"en"/)
  })

  it('fills a value given per language with the one of the language rendered', () => {
    const until = { th: '22 พ.ย. 2569 10:15 น.', en: '22 Nov 2569 BE 10:15' }
    const [th] = flows.render('questions.followup.locked', { until })
    const [en] = flows.render('questions.followup.locked', { until }, { lang: 'en' })
    expect(th).toMatchObject({ text: expect.stringContaining('10:15 น.') })
    expect(en).toMatchObject({
      text: 'Too many wrong secrets; this code is locked until 22 Nov 2569 BE 10:15.',
    })
    expect(JSON.stringify(en)).not.toContain('น.')
  })

  it('fills placeholders everywhere in the tree: text, labels, postback data, flex', () => {
    const [text] = flows.render('budget.summary', { fiscalYear: '2570', unit: 'ก' })
    expect(text?.quickReply?.items?.[0]?.action).toEqual({
      type: 'postback',
      label: 'ถามเรื่อง 2570',
      data: 'action=ask&fy=2570',
    })
    const [card] = flows.render('budget.card', { fiscalYear: '2570', unit: 'กองคลัง' })
    expect(card).toMatchObject({ type: 'flex', altText: 'งบประมาณ 2570' })
    expect(JSON.stringify(card)).toContain('"text":"กองคลัง"')
  })

  it('keeps 1:1-only quick replies out of groups and never sends the groups flag to LINE', () => {
    const vars = { fiscalYear: '2569', unit: 'ก' }
    const user = flows.render('budget.summary', vars)[0]?.quickReply?.items ?? []
    const group = flows.render('budget.summary', vars, { chat: 'group' })[0]?.quickReply?.items ?? []
    expect(user).toHaveLength(2)
    expect(group).toHaveLength(1)
    expect(JSON.stringify([user, group])).not.toContain('groups')
  })

  it('leaves messages without placeholders as they are, vars or not', () => {
    expect(flows.render('greeting.memberJoined')).toEqual(flows.render('greeting.memberJoined', { x: 'y' }))
  })

  it('says which message needs which value when one is missing', () => {
    expect(() => flows.render('budget.summary', { fiscalYear: '2569' })).toThrow(FlowsRenderError)
    expect(() => flows.render('budget.summary', { fiscalYear: '2569' })).toThrow(
      'flows: message "budget.summary" needs a value for {{unit}}',
    )
  })

  it('throws a clear error for a message key that does not exist; has() tells first', () => {
    expect(flows.has('topic.assets')).toBe(true)
    expect(flows.has('topic.weather')).toBe(false)
    expect(() => flows.render('topic.weather')).toThrow('flows: no message "topic.weather"')
  })

  it('returns fresh objects: changing one render does not change the next', () => {
    const first = flows.render('help')
    const m = first[0]
    if (m?.type === 'text') m.text = 'changed'
    expect(flows.render('help')[0]).not.toMatchObject({ text: 'changed' })
  })

  it('lists its keys and the sample values of its placeholders', () => {
    expect(flows.keys()).toContain('budget.card')
    expect(flows.keys()).toEqual([...flows.keys()].sort())
    expect(flows.samples).toMatchObject({ fiscalYear: '2569', unit: 'กองคลัง', ref: 'b-2f1c9a7e' })
  })
})
