import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { registerComplaints } from '../../src/complaints/followup.js'
import { createIntentMatcher } from '../../src/conversation/matcher.js'
import { LANGS } from '../../src/core/lang.js'
import { FormHandlers, missingSubmits } from '../../src/dialogues/forms.js'
import { loadFlows } from '../../src/flows/load.js'
import { renderPrompt, renderSummary } from '../../src/flows/render-form.js'
import { renderGuide } from '../../src/flows/render-guide.js'
import { renderAnswer, renderQuestion } from '../../src/flows/render-quiz.js'
import { REQUIRED_MESSAGES } from '../../src/flows/schema.js'
import { checkMessages } from '../../src/line/limits.js'
import { menuText, messageTexts } from '../../src/line/richmenu-lang.js'
import { toLineRichMenus } from '../../src/line/richmenu-rules.js'
import { registerNoGift } from '../../src/nogift/handlers.js'
import { registerQuestions } from '../../src/questions/handlers.js'
import { loadFlowsFromDir } from '../../src/runtime/flows-fs.js'
import { buildRegistry } from '../../src/services.js'
import { HandlerRegistry } from '../../src/webhook/registry.js'

// The files the bot ships with: whatever agency staff change, these checks must keep passing.
const flows = loadFlowsFromDir('flows')
const matcher = createIntentMatcher(flows.intents)
const THAI = /[\u0e01-\u0e5b]/
const firstLetter = (s: string) => s.match(/\p{L}/u)?.[0] ?? ''

type Action = { type: string; label?: string; text?: string; data?: string }
function quickActions(key: string, chat: 'user' | 'group'): Action[] {
  return flows
    .render(key, flows.samples, { chat })
    .flatMap((m) => m.quickReply?.items ?? [])
    .map((i) => i.action as Action)
}

describe('shipped flows/', () => {
  it('loads from the directory and from a files map alike', () => {
    const files = Object.fromEntries(
      readdirSync('flows')
        .filter((n) => n.endsWith('.yaml'))
        .map((n) => [`flows/${n}`, readFileSync(`flows/${n}`, 'utf8')]),
    )
    const again = loadFlows(files)
    expect(again.keys()).toEqual(flows.keys())
    expect(again.intents).toEqual(flows.intents)
  })

  it('has every message the code renders', () => {
    for (const key of REQUIRED_MESSAGES) expect(flows.has(key), key).toBe(true)
  })

  it.each(flows.keys())('renders %s within LINE limits, for 1:1 and for groups, Thai first', (key) => {
    for (const chat of ['user', 'group'] as const) {
      const messages = flows.render(key, flows.samples, { chat })
      expect(checkMessages(messages)).toEqual([])
      for (const m of messages) {
        const text = m.type === 'text' ? m.text : m.type === 'flex' ? m.altText : ''
        expect(THAI.test(firstLetter(text)), `${key} starts in Thai`).toBe(true)
        expect(text).not.toMatch(/\{\{|\}\}/)
      }
    }
  })

  it('quick replies send keywords the bot understands as exact commands (or a handled postback)', () => {
    for (const key of flows.keys()) {
      for (const action of quickActions(key, 'user')) {
        expect(['message', 'postback']).toContain(action.type)
        expect(action.label?.length ?? 0).toBeLessThanOrEqual(20)
        // Postbacks are checked against the registry in "every button … has a handler".
        if (action.type === 'message') {
          expect(matcher.match(action.text ?? '')?.exact, `${key}: ${action.text}`).toBe(true)
        }
      }
    }
  })

  it('offers the complaint button in 1:1 chats only', () => {
    const complaint = (a: Action) => matcher.match(a.text ?? '')?.intent === 'complaint'
    expect(quickActions('help', 'user').some(complaint)).toBe(true)
    for (const key of flows.keys()) expect(quickActions(key, 'group').some(complaint), key).toBe(false)
  })

  it('has a handler for every intent and every rich-menu postback', () => {
    const registry = buildRegistry()
    // Intents made from guides and FAQs ("guide:assets.it") share one handler per kind.
    const kind = (id: string) => (id.includes(':') ? `${id.split(':')[0]}:` : id)
    for (const intent of flows.intents) expect(registry.intents.has(kind(intent.id)), intent.id).toBe(true)
    for (const area of flows.richMenu.areas) {
      if (area.action.type === 'postback') {
        const action = new URLSearchParams(area.action.data).get('action') ?? ''
        expect(registry.postbacks.has(action), action).toBe(true)
      }
    }
    for (const text of messageTexts(flows.richMenu)) expect(matcher.match(text)?.exact, text).toBe(true)
  })

  it('defines a 2500×1686 rich menu of six areas that tile it exactly', () => {
    const menu = flows.richMenu
    expect(menu.size).toEqual({ width: 2500, height: 1686 })
    expect(menu.areas).toHaveLength(6)
    for (const lang of LANGS) expect(menuText(menu.chatBarText, lang).length).toBeLessThanOrEqual(14)
    const area = menu.areas.reduce((sum, a) => sum + a.bounds.width * a.bounds.height, 0)
    expect(area).toBe(2500 * 1686)
    for (const a of menu.areas) {
      expect(a.bounds.x + a.bounds.width).toBeLessThanOrEqual(2500)
      expect(a.bounds.y + a.bounds.height).toBeLessThanOrEqual(1686)
      expect(THAI.test(firstLetter(a.label.th)) || a.label.th === a.label.en).toBe(true)
    }
  })

  it('is a pair of rich menus the uploader accepts as it stands', () => {
    const checked = toLineRichMenus(flows.richMenu)
    expect(checked.ok ? [] : checked.problems).toEqual([])
  })

  it('intents are declared Thai first, with English beside them', () => {
    for (const intent of flows.intents) {
      expect(intent.keywords.th.length, intent.id).toBeGreaterThan(0)
      expect(
        intent.keywords.th.every((k) => THAI.test(k)),
        intent.id,
      ).toBe(true)
    }
  })
})

describe('shipped dialogues', () => {
  const registry = buildRegistry()
  const actionsIn = (value: unknown): string[] => {
    const out: string[] = []
    const walk = (v: unknown) => {
      if (Array.isArray(v)) for (const x of v) walk(x)
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>
        if ((o.type === 'postback' || o.type === 'datetimepicker') && typeof o.data === 'string') {
          out.push(new URLSearchParams(o.data).get('action') ?? '')
        }
        for (const x of Object.values(o)) walk(x)
      }
    }
    walk(value)
    return out
  }

  it('every button in every message, guide, quiz and form prompt has a handler', () => {
    const rendered: unknown[] = flows.keys().map((k) => flows.render(k, flows.samples))
    const lang = 'th'
    for (const g of flows.guides.values()) rendered.push(renderGuide(g, { lang }))
    for (const [id, q] of flows.quizzes) {
      q.questions.forEach((_, i) => {
        rendered.push(
          renderQuestion(id, q, i, 'r'.repeat(32), { lang }),
          renderAnswer(id, q, i, 0, { round: 'r'.repeat(32), score: 0, next: null }, { lang }).messages,
        )
      })
    }
    for (const [id, f] of flows.forms) {
      f.fields.forEach((_, i) => {
        rendered.push(renderPrompt(id, f, i, { lang, today: '2026-11-22' }))
      })
      rendered.push(renderSummary(id, f, {}, lang))
    }
    const actions = new Set(rendered.flatMap(actionsIn))
    expect(actions.size).toBeGreaterThan(5)
    for (const action of actions) expect(registry.postbacks.has(action), action).toBe(true)
  })

  it('every form has code to receive it', () => {
    const handlers = new FormHandlers()
    registerNoGift(new HandlerRegistry(), handlers)
    registerQuestions(new HandlerRegistry(), handlers)
    registerComplaints(new HandlerRegistry(), handlers)
    expect(missingSubmits(flows.forms.keys(), handlers)).toEqual([])
  })

  it('every piece names a measure, and the measures cover the ITA items of the seeds', () => {
    const ids = flows.measures.map((m) => m.id)
    expect(ids).toEqual(expect.arrayContaining(['budget', 'assets', 'nogift', 'complaints', 'ethics']))
    const items = flows.measures.flatMap((m) => m.items)
    expect(items).toEqual(
      expect.arrayContaining(['I7', 'I8', 'I19', 'I20', 'O31', 'O32', 'O33', 'i4', 'i10', 'i15']),
    )
  })

  it('the Worker bundles every flows file (a file missing there would silently vanish on Workers)', () => {
    const worker = readFileSync('src/main.worker.ts', 'utf8')
    for (const name of readdirSync('flows').filter((n) => n.endsWith('.yaml'))) {
      expect(worker, name).toContain(`'../flows/${name}'`)
      expect(worker, name).toContain(`'flows/${name}':`)
    }
  })
})
