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
  it('puts Thai first and English below it in one text', () => {
    const [m] = flows.render('budget.summary', { fiscalYear: '2569', unit: 'กองคลัง' })
    expect(m).toMatchObject({
      type: 'text',
      text: 'สรุปงบประมาณ ปีงบประมาณ พ.ศ. 2569 โดย กองคลัง\n\nBudget summary, FY2569',
    })
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
