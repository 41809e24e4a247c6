import { describe, expect, it } from 'vitest'
import { isCommand } from '../../src/dialogues/commands.js'
import { sameDraft, stampDraft } from '../../src/dialogues/draft-buttons.js'
import type { FormField } from '../../src/flows/schema-dialogues.js'
import type { LineMessage } from '../../src/line/port.js'
import { messageTexts } from '../../src/line/richmenu-lang.js'
import { shippedFlows } from '../helpers/flows.js'

const flows = shippedFlows()
const gift = flows.forms.get('nogift.report')
const field = (id: string): FormField => {
  const f = gift?.fields.find((x) => x.id === id)
  if (!f) throw new Error(`no field ${id}`)
  return f
}

describe('what typed during a form is a command', () => {
  // Every message area of both rich menus and every main-menu quick reply, as they are sent.
  const menu = [...messageTexts(flows.richMenu), 'ประมวลจริยธรรม', 'เกี่ยวกับบอท', 'เมนู', 'help']

  it.each(menu)('"%s" asks to leave at a choice, a number and a free-text question', (text) => {
    expect(isCommand(flows, text, field('giverType'))).toBe(true)
    expect(isCommand(flows, text, field('value'))).toBe(true)
    expect(isCommand(flows, text, field('item'))).toBe(true)
  })

  it('other keywords only where the answer is not free text; small talk and sentences never', () => {
    expect(isCommand(flows, 'ช่องทางร้องเรียน', field('item'))).toBe(false)
    expect(isCommand(flows, 'ของขวัญ', field('item'))).toBe(false)
    expect(isCommand(flows, 'ช่องทางร้องเรียน', undefined)).toBe(true)
    expect(isCommand(flows, 'ของขวัญ', field('giverType'))).toBe(true)
    for (const text of ['ขอบคุณ', 'สวัสดี', 'ให้ของมาที่โต๊ะ', '', '   ']) {
      expect(isCommand(flows, text, field('giverType')), text).toBe(false)
    }
  })
})

describe('buttons name their draft', () => {
  const state = { formId: 'nogift.report', step: 0, answers: { _d: '0a1b2c3d' } }
  const prompt = {
    type: 'text',
    text: 'x',
    quickReply: {
      items: [
        {
          type: 'action',
          action: { type: 'postback', data: 'action=form-answer&id=nogift.report&f=giverType&v=client' },
        },
        { type: 'action', action: { type: 'postback', data: 'action=form&id=nogift.report&restart=1' } },
        { type: 'action', action: { type: 'postback', data: 'action=form&id=complaint' } },
        { type: 'action', action: { type: 'postback', data: 'action=menu' } },
      ],
    },
  } as unknown as LineMessage

  it("every button of the draft's own form carries its id; others are left alone", () => {
    const data = JSON.stringify(stampDraft(prompt, state))
    expect(data).toContain('v=client&d=0a1b2c3d')
    expect(data).toContain('restart=1&d=0a1b2c3d')
    expect(data).toContain('"action=form&id=complaint"')
    expect(data).toContain('"action=menu"')
  })

  it('a button is of the draft only with its form and its id', () => {
    const p = (s: string) => new URLSearchParams(s)
    expect(sameDraft(state, p('action=form-submit&id=nogift.report&d=0a1b2c3d'))).toBe(true)
    expect(sameDraft(state, p('action=form-submit&id=nogift.report&d=ffffffff'))).toBe(false)
    expect(sameDraft(state, p('action=form-submit&id=nogift.report'))).toBe(false)
    expect(sameDraft(state, p('action=form-submit&id=complaint&d=0a1b2c3d'))).toBe(false)
    // A draft from before buttons had ids takes its id-less buttons.
    const older = { ...state, answers: {} }
    expect(sameDraft(older, p('action=form-submit&id=nogift.report'))).toBe(true)
  })
})
