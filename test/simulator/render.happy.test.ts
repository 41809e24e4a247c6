import { describe, expect, test } from 'vitest'
import type { LineMessage } from '../../src/line/port.js'
import { rendererCss, renderMessages } from '../../src/simulator/render.js'

const msgs = (...m: unknown[]) => m as LineMessage[]
const bubble = (body: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'flex',
  altText: 'ข้อความสำรอง alt',
  contents: { type: 'bubble', body, ...extra },
})

describe('renderMessages: text', () => {
  test('keeps newlines, links web addresses, and wraps each message', () => {
    const html = renderMessages(msgs({ type: 'text', text: 'สวัสดี\nดู https://example.go.th/a?b=1 ครับ' }))
    expect(html).toContain('class="lc-msg lc-msg-text"')
    expect(html).toContain('สวัสดี\nดู ')
    expect(html).toContain('<a href="https://example.go.th/a?b=1" target="_blank" rel="noopener noreferrer">')
  })

  test('stickers, images and unknown types have a visible stand-in', () => {
    const html = renderMessages(
      msgs(
        { type: 'sticker', packageId: '446', stickerId: '1988' },
        {
          type: 'image',
          originalContentUrl: 'https://x.test/a.jpg',
          previewImageUrl: 'https://x.test/p.jpg',
        },
        { type: 'imagemap', altText: 'แผนที่ภาพ', baseUrl: 'https://x.test/m' },
      ),
    )
    expect(html).toContain('446/1988')
    expect(html).toContain('<img src="https://x.test/p.jpg"')
    expect(html).toContain('แผนที่ภาพ')
  })
})

describe('renderMessages: flex', () => {
  test('a bubble with header, hero, body, footer, styles and every basic component', () => {
    const html = renderMessages(
      msgs(
        bubble(
          {
            type: 'box',
            layout: 'vertical',
            spacing: 'md',
            paddingAll: '12px',
            backgroundColor: '#f0f0f0',
            cornerRadius: 'lg',
            contents: [
              { type: 'text', text: 'งบประมาณ', weight: 'bold', size: 'xl', color: '#1DB446', wrap: true },
              { type: 'separator', margin: 'md' },
              {
                type: 'box',
                layout: 'baseline',
                contents: [
                  { type: 'icon', url: 'https://x.test/i.png' },
                  { type: 'text', text: 'รายการ', flex: 2, align: 'end', decoration: 'underline' },
                  { type: 'filler' },
                ],
              },
            ],
          },
          {
            header: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'หัวเรื่อง' }] },
            hero: {
              type: 'image',
              url: 'https://x.test/h.png',
              size: 'full',
              aspectRatio: '20:13',
              aspectMode: 'cover',
            },
            footer: { type: 'box', layout: 'horizontal', contents: [{ type: 'spacer', size: 'sm' }] },
            styles: { footer: { separator: true, backgroundColor: '#ffffff' } },
          },
        ),
      ),
    )
    expect(html).toContain('lc-bubble')
    for (const block of ['lc-header', 'lc-hero', 'lc-body', 'lc-footer']) expect(html).toContain(block)
    expect(html).toMatch(/gap:8px/)
    expect(html).toMatch(/padding:12px/)
    expect(html).toMatch(/background-color:#f0f0f0/)
    expect(html).toMatch(/border-radius:12px/)
    expect(html).toMatch(/font-size:22px;font-weight:700;color:#1DB446/)
    expect(html).toMatch(/white-space:pre-wrap/)
    expect(html).toContain('lc-baseline')
    expect(html).toMatch(/flex:2 1 0/)
    expect(html).toMatch(/text-align:right/)
    expect(html).toMatch(/text-decoration:underline/)
    expect(html).toMatch(/aspect-ratio:20 \/ 13/)
    expect(html).toContain('lc-cover')
    expect(html).toMatch(/border-top:1px solid/)
    expect(html).toContain('lc-separator')
    expect(html).toContain('lc-filler')
    expect(html).toContain('lc-icon')
  })

  test('buttons carry their action in data attributes; uri buttons are links to a new tab', () => {
    const html = renderMessages(
      msgs(
        bubble({
          type: 'box',
          layout: 'vertical',
          contents: [
            {
              type: 'button',
              style: 'primary',
              color: '#112233',
              action: {
                type: 'postback',
                label: 'รับทราบ',
                data: 'action=ack&id=7',
                displayText: 'รับทราบแล้ว',
              },
            },
            { type: 'button', style: 'secondary', action: { type: 'message', label: 'เมนู', text: 'เมนู' } },
            {
              type: 'button',
              style: 'link',
              action: { type: 'uri', label: 'เว็บ', uri: 'https://www.go.th/' },
            },
            {
              type: 'button',
              action: {
                type: 'datetimepicker',
                label: 'เลือกวัน',
                data: 'action=pick',
                mode: 'date',
                initial: '2026-11-22',
              },
            },
          ],
        }),
      ),
    )
    expect(html).toContain('lc-button-primary')
    expect(html).toContain('background-color:#112233')
    expect(html).toContain('data-action="postback"')
    expect(html).toContain('data-data="action=ack&amp;id=7"')
    expect(html).toContain('data-display-text="รับทราบแล้ว"')
    expect(html).toContain('data-action="message"')
    expect(html).toContain('data-text="เมนู"')
    expect(html).toMatch(
      /<a class="lc-button lc-button-link lc-action"[^>]*href="https:\/\/www.go.th\/" target="_blank"/,
    )
    expect(html).toContain('data-mode="date"')
    expect(html).toContain('data-initial="2026-11-22"')
  })

  test('a carousel renders every bubble side by side', () => {
    const b = (t: string) => ({
      type: 'bubble',
      body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: t }] },
    })
    const html = renderMessages(
      msgs({
        type: 'flex',
        altText: 'c',
        contents: { type: 'carousel', contents: [b('หนึ่ง'), b('สอง'), b('สาม')] },
      }),
    )
    expect(html).toContain('lc-carousel')
    expect(html.match(/class="lc-bubble"/g)).toHaveLength(3)
    expect(html.indexOf('หนึ่ง')).toBeLessThan(html.indexOf('สาม'))
  })

  test('an unknown component makes the message fall back to its altText', () => {
    const html = renderMessages(
      msgs(bubble({ type: 'box', layout: 'vertical', contents: [{ type: 'hologram', text: 'ไม่ควรเห็น' }] })),
    )
    expect(html).toContain('lc-msg-fallback')
    expect(html).toContain('ข้อความสำรอง alt')
    expect(html).not.toContain('ไม่ควรเห็น')
  })
})

describe('renderMessages: templates and quick replies', () => {
  test('template messages show altText and their action buttons', () => {
    const html = renderMessages(
      msgs({
        type: 'template',
        altText: 'ยืนยันการยืม',
        template: {
          type: 'confirm',
          text: 'ยืนยันหรือไม่',
          actions: [
            { type: 'postback', label: 'ใช่', data: 'action=yes' },
            { type: 'message', label: 'ไม่', text: 'ไม่' },
          ],
        },
      }),
    )
    expect(html).toContain('ยืนยันการยืม')
    expect(html).toContain('data-data="action=yes"')
    expect(html).toContain('data-text="ไม่"')
  })

  test('quick replies are chips under the last message only', () => {
    const qr = (label: string) => ({
      items: [{ type: 'action', action: { type: 'message', label, text: label } }],
    })
    const html = renderMessages(
      msgs(
        { type: 'text', text: 'แรก', quickReply: qr('ไม่แสดง') },
        { type: 'text', text: 'สุดท้าย', quickReply: qr('แสดง') },
      ),
    )
    expect(html.match(/class="lc-quick"/g)).toHaveLength(1)
    expect(html).toContain('data-text="แสดง"')
    expect(html).not.toContain('ไม่แสดง')
    expect(html.lastIndexOf('lc-quick')).toBeGreaterThan(html.indexOf('สุดท้าย'))
  })

  test('the CSS is exported for other pages', () => {
    expect(rendererCss).toContain('.lc-bubble')
    expect(rendererCss).toContain('.lc-chip')
  })
})
