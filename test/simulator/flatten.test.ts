import { describe, expect, test } from 'vitest'
import { flattenMessages } from '../../src/simulator/flatten.js'

// The terminal chat's view of LINE messages: readable lines, numbered actions.

describe('flattenMessages', () => {
  test('text keeps its lines; quick replies of the last message are numbered', () => {
    const flat = flattenMessages([
      {
        type: 'text',
        text: 'บรรทัดหนึ่ง\nบรรทัดสอง',
        quickReply: { items: [{ type: 'action', action: { type: 'message', label: 'ไม่ใช่', text: 'x' } }] },
      },
      {
        type: 'text',
        text: 'สุดท้าย',
        quickReply: {
          items: [
            { type: 'action', action: { type: 'message', label: 'เมนู', text: 'เมนู' } },
            { type: 'action', action: { type: 'postback', label: 'รับทราบ', data: 'action=ack' } },
          ],
        },
      },
    ])
    expect(flat.lines).toEqual([
      'บรรทัดหนึ่ง',
      'บรรทัดสอง',
      '',
      'สุดท้าย',
      'ตอบด่วน / Quick replies: [1] เมนู  [2] รับทราบ',
    ])
    expect(flat.actions.map((a) => [a.n, a.action.type])).toEqual([
      [1, 'message'],
      [2, 'postback'],
    ])
  })

  test('a flex carousel becomes lines with horizontal boxes on one line and buttons numbered', () => {
    const bubble = (title: string) => ({
      type: 'bubble',
      hero: { type: 'image', url: 'https://x.test/a.png' },
      body: {
        type: 'box',
        layout: 'vertical',
        contents: [
          { type: 'text', text: title, weight: 'bold' },
          { type: 'separator' },
          {
            type: 'box',
            layout: 'horizontal',
            contents: [
              { type: 'text', text: 'งบ' },
              { type: 'text', text: '1,000 บาท' },
            ],
          },
        ],
      },
      footer: {
        type: 'box',
        layout: 'vertical',
        contents: [
          { type: 'button', action: { type: 'uri', label: 'เว็บ', uri: 'https://www.go.th/' } },
          { type: 'button', action: { type: 'datetimepicker', label: 'วันที่', data: 'a=d', mode: 'date' } },
        ],
      },
    })
    const flat = flattenMessages(
      [
        {
          type: 'flex',
          altText: 'สรุป',
          contents: { type: 'carousel', contents: [bubble('ไตรมาส 1'), bubble('ไตรมาส 2')] },
        },
      ],
      5,
    )
    expect(flat.lines).toContain('── 1/2 ──')
    expect(flat.lines).toContain('งบ  1,000 บาท')
    expect(flat.lines).toContain('[รูป / image]')
    expect(flat.lines).toContain('[5] เว็บ ↗ https://www.go.th/')
    expect(flat.lines).toContain('[6] วันที่')
    expect(flat.actions.map((a) => a.n)).toEqual([5, 6, 7, 8])
  })

  test('templates, stickers and unknown messages have a readable line', () => {
    const flat = flattenMessages([
      {
        type: 'template',
        altText: 'ยืนยัน',
        template: {
          type: 'confirm',
          text: 'แน่ใจไหม',
          actions: [{ type: 'message', label: 'ใช่', text: 'ใช่' }],
        },
      },
      { type: 'sticker', packageId: '1', stickerId: '2' },
      { type: 'imagemap', altText: 'แผนผัง' },
    ])
    expect(flat.lines).toEqual(['ยืนยัน', 'แน่ใจไหม', '[1] ใช่', '', '[สติกเกอร์ / sticker 1/2]', '', 'แผนผัง'])
  })
})
