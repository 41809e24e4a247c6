import { describe, expect, it } from 'vitest'
import { createIntentMatcher } from '../../src/conversation/matcher.js'
import { loadFlows } from '../../src/flows/load.js'
import { menuText } from '../../src/line/richmenu-lang.js'
import { shippedFlowFiles, shippedFlows } from '../helpers/flows.js'

// The English menu's buttons send English words: each must lead where the Thai button's word
// does, as an exact command (a word alone in a group is answered only when it is one).

const flows = shippedFlows()
const matcher = createIntentMatcher(flows.intents)
const messageAreas = flows.richMenu.areas.flatMap((a) =>
  a.action.type === 'message' ? [{ label: a.label.en, text: a.action.text }] : [],
)

describe('the shipped rich menus in two languages', () => {
  it('has message buttons to check, each written in both languages', () => {
    expect(messageAreas.length).toBeGreaterThanOrEqual(4)
    for (const a of messageAreas) expect(typeof a.text, a.label).toBe('object')
  })

  it.each(messageAreas)('"$label": the English word leads to the Thai word’s topic', ({ text }) => {
    const th = matcher.match(menuText(text, 'th'))
    const en = matcher.match(menuText(text, 'en'))
    expect(th?.exact).toBe(true)
    expect(en?.exact).toBe(true)
    expect(en?.intent).toBe(th?.intent)
  })

  it('the chat bars say one language each', () => {
    expect(menuText(flows.richMenu.chatBarText, 'th')).toBe('เมนู')
    expect(menuText(flows.richMenu.chatBarText, 'en')).toBe('Menu')
  })

  it('a richmenu.yaml of plain strings, as written before, still loads', () => {
    const shipped = shippedFlowFiles()
    const plain = (shipped['flows/richmenu.yaml'] ?? '')
      .replace('chatBarText: { th: เมนู, en: Menu }', 'chatBarText: เมนู')
      .replace('text: { th: งบประมาณ, en: Budget }', 'text: งบประมาณ')
    const loaded = loadFlows({ ...shipped, 'flows/richmenu.yaml': plain })
    expect(loaded.richMenu.chatBarText).toBe('เมนู')
    expect(loaded.richMenu.areas[0]?.action).toEqual({ type: 'message', text: 'งบประมาณ' })
  })
})
