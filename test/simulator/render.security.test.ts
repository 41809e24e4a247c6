import { describe, expect, test } from 'vitest'
import type { LineMessage } from '../../src/line/port.js'
import { renderMessages } from '../../src/simulator/render.js'

const msgs = (...m: unknown[]) => m as LineMessage[]
const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&'

const TAGS = new Set(['div', 'span', 'a', 'button', 'img', 'hr'])
const ATTRS = new Set([
  'class',
  'style',
  'href',
  'src',
  'alt',
  'target',
  'rel',
  'title',
  'type',
  'role',
  'tabindex',
  'loading',
  'referrerpolicy',
  'disabled',
])

/**
 * Reads every tag the renderer produced and checks it is one of ours: content can only ever be
 * text or a quoted attribute value, never a tag, an event handler or a script URL.
 */
function assertInert(html: string) {
  for (const [, name = '', attrs = ''] of html.matchAll(/<([a-zA-Z]+)((?:\s[^>]*)?)\/?>/g)) {
    expect(TAGS.has(name.toLowerCase()), `tag <${name}>`).toBe(true)
    const rest = attrs.replace(
      /\s([\w-]+)(?:="([^"]*)")?/g,
      (_m, attr: string, value: string | undefined) => {
        expect(ATTRS.has(attr) || attr.startsWith('data-'), `attribute ${attr}`).toBe(true)
        if (attr === 'href' || attr === 'src') expect(value ?? '').toMatch(/^(https?|tel|mailto|line):/)
        if (attr === 'style') expect(value ?? '').not.toMatch(/url\(|expression|[<>"]/i)
        return ''
      },
    )
    expect(rest.trim(), 'unparsed attribute text').toBe('')
  }
  expect(html).not.toMatch(/<script/i)
}

describe('renderer security', () => {
  test('text, altText, labels and data are escaped', () => {
    const html = renderMessages(
      msgs(
        { type: 'text', text: XSS },
        { type: 'sticker', packageId: XSS, stickerId: XSS },
        {
          type: 'flex',
          altText: XSS,
          contents: {
            type: 'bubble',
            body: { type: 'box', layout: 'vertical', contents: [{ type: 'nope' }] },
          },
        },
        {
          type: 'template',
          altText: XSS,
          template: {
            type: 'buttons',
            title: XSS,
            text: XSS,
            actions: [{ type: 'postback', label: XSS, data: XSS, displayText: XSS }],
          },
          quickReply: { items: [{ type: 'action', action: { type: 'message', label: XSS, text: XSS } }] },
        },
      ),
    )
    assertInert(html)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain(
      'data-data="&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;"',
    )
  })

  test('unsafe links and image sources are dropped', () => {
    const html = renderMessages(
      msgs(
        { type: 'text', text: 'javascript:alert(1) https://ok.test/"><script>x</script>' },
        {
          type: 'image',
          originalContentUrl: 'javascript:alert(1)',
          previewImageUrl: 'data:text/html,<script>x</script>',
        },
        {
          type: 'flex',
          altText: 'a',
          contents: {
            type: 'bubble',
            action: { type: 'uri', uri: 'javascript:alert(1)' },
            hero: { type: 'image', url: 'javascript:alert(1)' },
            body: {
              type: 'box',
              layout: 'vertical',
              contents: [
                { type: 'button', action: { type: 'uri', label: 'x', uri: 'javascript:alert(1)' } },
                { type: 'button', action: { type: 'uri', label: 'y', uri: 'data:text/html,hi' } },
              ],
            },
          },
        },
      ),
    )
    assertInert(html)
    expect(html).not.toContain('data:text/html')
    expect(html).toContain('lc-disabled')
  })

  test('styles accept only colors and lengths, so no CSS can be injected', () => {
    const evil = 'red;background-image:url(https://evil.test/x)'
    const html = renderMessages(
      msgs({
        type: 'flex',
        altText: 'a',
        contents: {
          type: 'bubble',
          size: '1px;position:fixed',
          styles: { body: { backgroundColor: evil } },
          body: {
            type: 'box',
            layout: 'vertical',
            backgroundColor: evil,
            paddingAll: '5px;top:0',
            width: 'expression(alert(1))',
            contents: [
              { type: 'text', text: 'x', color: evil, size: '10px"><script>', align: 'constructor' },
            ],
          },
        },
      }),
    )
    assertInert(html)
    expect(html).not.toContain('evil.test')
    expect(html).not.toContain('position:fixed')
    expect(html).not.toContain('expression')
    expect(html).not.toContain('function')
  })
})
