import { describe, expect, it } from 'vitest'
import { FlowsError, loadFlows } from '../../src/flows/load.js'
import { shippedFlowFiles } from '../helpers/flows.js'

const shipped = shippedFlowFiles()

/** Loads the shipped files plus or instead of the given ones; returns every reported problem. */
function problems(files: Record<string, string>): string[] {
  try {
    loadFlows({ ...shipped, ...files })
  } catch (err) {
    expect(err).toBeInstanceOf(FlowsError)
    return (err as FlowsError).problems
  }
  throw new Error('expected loading to fail')
}

const message = (body: string) => `messages:\n  test.msg:\n${body}`
const items = (n: number, label = (_i: number) => 'ตัวเลือก') =>
  Array.from(
    { length: n },
    (_, i) => `          - { type: action, action: { type: message, label: "${label(i)}", text: เมนู } }`,
  ).join('\n')

describe('loadFlows: errors name the file and the path inside it', () => {
  it('reports a YAML syntax error with the file, line and column', () => {
    const p = problems({ 'flows/x-extra.yaml': 'messages:\n  a: [\n b: 1' })
    expect(p[0]).toMatch(/^flows\/x-extra\.yaml: .*line 3, column 2/)
  })

  it('reports a key defined twice in one file', () => {
    expect(problems({ 'flows/x-extra.yaml': 'placeholders:\n  a: x\n  a: y\n' })).toEqual([
      'flows/x-extra.yaml: Map keys must be unique at line 3, column 3',
    ])
  })

  it('refuses YAML tags it does not understand', () => {
    const p = problems({ 'flows/x-extra.yaml': 'placeholders:\n  a: !!js/function "function () {}"\n' })
    expect(p[0]).toMatch(/^flows\/x-extra\.yaml: Unresolved tag/)
  })

  it('reports unknown fields, sections and message types with their paths', () => {
    const p = problems({
      'flows/x-extra.yaml': `${message('    - type: text\n      text: สวัสดี\n      colour: red\n    - type: sticker\n')}menus: 1\n`,
    })
    expect(p).toContain('flows/x-extra.yaml: messages.test.msg.0.colour: unknown field')
    expect(p).toContain(
      'flows/x-extra.yaml: messages.test.msg.1.type: "sticker" is not supported: use text or flex',
    )
    expect(p.find((l) => l.startsWith('flows/x-extra.yaml: menus: unknown section'))).toBeDefined()
  })

  it('reports a wrong type with what was found', () => {
    const p = problems({ 'flows/x-extra.yaml': message('    - type: text\n      text: 2569\n') })
    expect(p).toEqual([
      'flows/x-extra.yaml: messages.test.msg.0.text: expected string or object, got number 2569',
    ])
  })

  it('reports a quick-reply label over 20 characters (Thai marks count)', () => {
    const long = (i: number) => (i === 3 ? 'ยืมทรัพย์สินราชการ Borrow' : 'ตัวเลือก')
    const p = problems({
      'flows/x-extra.yaml': message(
        `    - type: text\n      text: สวัสดี\n      quickReply:\n        items:\n${items(5, long)}\n`,
      ),
    })
    expect(p).toEqual([
      'flows/x-extra.yaml: messages.test.msg.0.quickReply.items.3.action.label: too long (25 characters, max 20)',
    ])
  })

  it('reports 14 quick replies, over LINE limit of 13', () => {
    const p = problems({
      'flows/x-extra.yaml': message(
        `    - type: text\n      text: สวัสดี\n      quickReply:\n        items:\n${items(14)}\n`,
      ),
    })
    expect(p).toEqual([
      'flows/x-extra.yaml: messages.test.msg.0.quickReply.items: too many items (14, max 13)',
    ])
  })

  it('checks LINE limits after filling placeholders with their sample values', () => {
    const p = problems({
      'flows/x-extra.yaml': `placeholders:\n  note: "${'ก'.repeat(3000)}"\n${message('    - type: text\n      text: "{{note}} {{note}}"\n')}`,
    })
    expect(p).toEqual([
      'flows/x-extra.yaml: messages.test.msg: message 1: text has 6001 UTF-16 units, over 5000',
    ])
  })

  it('reports more than five messages under one key', () => {
    const p = problems({ 'flows/x-extra.yaml': message('    - { type: text, text: ก }\n'.repeat(6)) })
    expect(p).toEqual(['flows/x-extra.yaml: messages.test.msg: too many items (6, max 5)'])
  })

  it('reports an undeclared placeholder and a malformed one', () => {
    const p = problems({
      'flows/x-extra.yaml': `placeholders:\n  name: สมชาย\n${message('    - type: text\n      text: "{{name}} {{nmae}} {{ full name }}"\n')}`,
    })
    expect(p).toEqual([
      'flows/x-extra.yaml: messages.test.msg.0.text: {{nmae}} is not declared under placeholders',
      'flows/x-extra.yaml: messages.test.msg.0.text: "{{" or "}}" that is not a placeholder (write {{name}})',
    ])
  })

  it('reports a quick-reply set that does not exist', () => {
    const p = problems({
      'flows/x-extra.yaml': message('    - type: text\n      text: ก\n      quickReply: mnu\n'),
    })
    expect(p).toEqual([
      'flows/x-extra.yaml: messages.test.msg.0.quickReply: no quick reply set "mnu" (defined: menu, helpMenu, pledged)',
    ])
  })

  it('reports a duplicate intent id', () => {
    const p = problems({ 'flows/x-extra.yaml': 'intents:\n  - id: help\n    keywords: { th: [ช่วยด้วย] }\n' })
    expect(p).toEqual([
      'flows/x-extra.yaml: intents.0.id: intent "help" is already defined at flows/intents.yaml: intents.0',
    ])
  })

  it('reports the same keyword on two intents, compared as the matcher sees it', () => {
    const p = problems({
      'flows/x-extra.yaml': 'intents:\n  - id: other\n    keywords: { th: [ "เมนูครับ", ครับ ], en: [HELP] }\n',
    })
    expect(p).toEqual([
      'flows/x-extra.yaml: intents.0.keywords.th.0: keyword "เมนูครับ" is already used by intent "help" (flows/intents.yaml: intents.0.keywords.th.0)',
      'flows/x-extra.yaml: intents.0.keywords.th.1: "ครับ" is only punctuation or polite particles',
      'flows/x-extra.yaml: intents.0.keywords.en.0: keyword "HELP" is already used by intent "help" (flows/intents.yaml: intents.0.keywords.en.1)',
    ])
  })

  it('reports a message key defined in two files', () => {
    const p = problems({ 'flows/x-extra.yaml': 'messages:\n  help:\n    - { type: text, text: เมนู }\n' })
    expect(p).toEqual([
      'flows/x-extra.yaml: messages.help: already defined in flows/messages.yaml: messages.help',
    ])
  })

  it('reports every missing message the code needs, and a missing rich menu', () => {
    const p = problems({
      'flows/messages.yaml': 'messages:\n  help:\n    - { type: text, text: เมนู }\n',
      'flows/richmenu.yaml': 'placeholders: {}\n',
    })
    expect(p).toContain('flows: messages.fallback: missing (the bot sends this message)')
    expect(p).toContain('flows: messages.group.pointer: missing (the bot sends this message)')
    expect(p).toContain('flows: richMenu: missing')
    expect(p).not.toContain('flows: messages.help: missing (the bot sends this message)')
  })

  it('reports rich-menu areas outside the menu or overlapping, and a long chat bar text', () => {
    const menu = shipped['flows/richmenu.yaml'] ?? ''
    const p = problems({
      'flows/richmenu.yaml': menu
        .replace('chatBarText: { th: เมนู, en: Menu }', 'chatBarText: เมนูหลักของบัญชีนี้')
        .replace(
          '{ x: 1667, y: 843, width: 833, height: 843 }',
          '{ x: 1667, y: 843, width: 900, height: 843 }',
        )
        .replace('{ x: 833, y: 0, width: 834, height: 843 }', '{ x: 800, y: 0, width: 834, height: 843 }'),
    })
    expect(p).toEqual([
      'flows/richmenu.yaml: richMenu.chatBarText: too long (19 characters, max 14)',
      'flows/richmenu.yaml: richMenu.areas.1.bounds: overlaps area 0',
      'flows/richmenu.yaml: richMenu.areas.5.bounds: goes outside the 2500×1686 menu',
    ])
  })

  it('reports an empty file and a file that is not a mapping', () => {
    expect(problems({ 'flows/a.yaml': '# nothing yet\n', 'flows/b.yaml': '- a\n- b\n' })).toEqual([
      'flows/a.yaml: the file is empty',
      'flows/b.yaml: expected a mapping of sections, got a list',
    ])
  })

  it('fails as a whole, listing the problems of every file at once', () => {
    const err = (() => {
      try {
        loadFlows({ ...shipped, 'flows/a.yaml': 'foo: 1\n', 'flows/b.yaml': 'bar: 1\n' })
      } catch (e) {
        return e as FlowsError
      }
      return null
    })()
    expect(err?.problems).toHaveLength(2)
    expect(err?.message).toMatch(
      /flows\/a\.yaml: foo: unknown section[\s\S]*flows\/b\.yaml: bar: unknown section/,
    )
  })

  it('refuses an empty set of files', () => {
    expect(() => loadFlows({})).toThrow(FlowsError)
  })
})
