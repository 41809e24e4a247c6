import { describe, expect, it } from 'vitest'
import { renderStep, shortLabel, withGuesses } from '../../src/conversation/answers.js'
import { createTextUnderstanding } from '../../src/conversation/understanding.js'
import { checkMessages } from '../../src/line/limits.js'
import type { LineMessage } from '../../src/line/port.js'
import { shippedFlows } from '../helpers/flows.js'

const flows = shippedFlows()
const u = createTextUnderstanding(flows)
type Item = { action: { type: string; label: string; displayText?: string } }
const itemsOf = (m: LineMessage | undefined) =>
  ((m as { quickReply?: { items: Item[] } } | undefined)?.quickReply?.items ?? []) as Item[]

describe('answers made from an understanding', () => {
  it('cuts a label to 20 characters between letters, never inside a vowel or tone mark', () => {
    const label = shortLabel('ยืมครุภัณฑ์คอมพิวเตอร์และอุปกรณ์')
    expect(label.length).toBeLessThanOrEqual(20)
    expect(label.endsWith('…')).toBe(true)
    expect(label.at(-2)).not.toMatch(/[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/)
    expect(shortLabel('เมนู')).toBe('เมนู')
  })

  it('renders every step of every guide within LINE limits, in both languages and chats', () => {
    for (const [id, guide] of flows.guides) {
      guide.steps.forEach((_, i) => {
        for (const lang of ['th', 'en'] as const) {
          for (const chat of ['user', 'group'] as const) {
            const messages = renderStep(id, guide, i, lang, chat)
            expect(checkMessages(messages), `${id} ${i} ${lang} ${chat}`).toEqual([])
          }
        }
      })
    }
  })

  it("posts nothing in a member's name from a group", () => {
    const guide = flows.guides.get('ethics')
    if (!guide) throw new Error('shipped flows have the ethics guide')
    expect(itemsOf(renderStep('ethics', guide, 0, 'th', 'group')[0])[0]?.action.displayText).toBeUndefined()
    expect(itemsOf(renderStep('ethics', guide, 0, 'th', 'user')[0])[0]?.action.displayText).toBe(
      'มาตรฐานทางจริยธรรม 7 ประการ',
    )
  })

  it('puts the guesses before the menu, at most 13 buttons, and none about complaints in a group', () => {
    const guesses = ['complaint-followup', 'faq:assets.damage', 'guide:assets.it', 'budget'].flatMap(
      (id) => u.target(id) ?? [],
    )
    const fallback = flows.render('fallback', {}, { chat: 'user' })
    const user = itemsOf(withGuesses(fallback, guesses, 'th', 'user')[0])
    expect(user.length).toBeLessThanOrEqual(13)
    expect(user.slice(0, 3).map((i) => i.action.label)).toEqual([
      'ติดตามเรื่อง',
      'ชำรุดหรือสูญหาย',
      expect.any(String),
    ])
    const group = itemsOf(
      withGuesses(flows.render('fallback', {}, { chat: 'group' }), guesses, 'th', 'group')[0],
    )
    expect(group.map((i) => i.action.label)).not.toContain('ติดตามเรื่อง')
    expect(checkMessages(withGuesses(fallback, guesses, 'th', 'user'))).toEqual([])
  })
})
