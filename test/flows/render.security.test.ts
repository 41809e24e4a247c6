import { describe, expect, it } from 'vitest'
import { FlowsError, loadFlows } from '../../src/flows/load.js'
import { FlowsRenderError } from '../../src/flows/render.js'
import { shippedFlowFiles } from '../helpers/flows.js'

const shipped = shippedFlowFiles()
const flows = loadFlows({
  ...shipped,
  'flows/x-card.yaml': `
placeholders: { name: สมชาย, constructor: x }
messages:
  card:
    - type: flex
      altText: "{{name}}"
      contents: { type: bubble, body: { type: box, layout: vertical, contents: [ { type: text, text: "{{name}}" } ] } }
  proto:
    - { type: text, text: "{{constructor}}" }
`,
})

describe('render: values cannot change a message', () => {
  it('inserts a value as the content of one string, even inside Flex JSON', () => {
    const hostile = '"}], "type": "uri", "uri": "https://evil.example", "x": [{"a": "'
    const [card] = flows.render('card', { name: hostile })
    expect(card).toMatchObject({ type: 'flex', altText: hostile })
    const body = (card as unknown as { contents: { body: { contents: { text: string }[] } } }).contents.body
    expect(body.contents).toEqual([{ type: 'text', text: hostile }])
    expect(JSON.stringify(card)).not.toContain('"uri":"https://evil.example"')
  })

  it('does not expand placeholders or $-patterns found inside a value', () => {
    const [card] = flows.render('card', { name: "{{name}} $& $' $1" })
    expect(card).toMatchObject({ altText: "{{name}} $& $' $1" })
  })

  it('only uses the caller’s own values, never inherited object properties', () => {
    expect(() => flows.render('proto', {})).toThrow(FlowsRenderError)
    const inherited = Object.create({ name: 'from prototype' }) as Record<string, string>
    expect(() => flows.render('card', inherited)).toThrow('needs a value for {{name}}')
  })

  it('treats prototype names as unknown message keys', () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(flows.has(key)).toBe(false)
      expect(() => flows.render(key)).toThrow(FlowsRenderError)
    }
  })
})

describe('loadFlows: hostile or broken YAML', () => {
  it('refuses an alias bomb instead of expanding it', () => {
    const refs = Array.from({ length: 120 }, () => '*a').join(', ')
    expect(() => loadFlows({ ...shipped, 'flows/x.yaml': `a: &a [1, 2]\nb: [${refs}]\n` })).toThrow(
      FlowsError,
    )
  })

  it('does not run or resolve language-specific YAML tags', () => {
    const file = 'placeholders:\n  name: !!js/function "function () { throw new Error(1) }"\n'
    expect(() => loadFlows({ ...shipped, 'flows/x.yaml': file })).toThrow(/Unresolved tag/)
  })

  it('rejects a __proto__ section instead of merging it into objects', () => {
    const file = 'messages:\n  __proto__:\n    - { type: text, text: x }\n'
    expect(() => loadFlows({ ...shipped, 'flows/x.yaml': file })).toThrow(FlowsError)
    expect(({} as Record<string, unknown>).type).toBeUndefined()
  })

  it('rejects URI actions with schemes other than https, http, line and tel', () => {
    const file = `messages:\n  x.y:\n    - type: text\n      text: ก\n      quickReply:\n        items:\n          - { type: action, action: { type: uri, label: เปิด, uri: "javascript:alert(1)" } }\n`
    expect(() => loadFlows({ ...shipped, 'flows/x.yaml': file })).toThrow(
      'flows/x.yaml: messages.x.y.0.quickReply.items.0.action.uri',
    )
  })
})
