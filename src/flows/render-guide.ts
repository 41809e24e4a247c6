import type { LineMessage } from '../line/port.js'
import {
  bilingualBlock,
  both,
  bubble,
  button,
  COLORS,
  carousel,
  data,
  type FlexNode,
  text,
  th,
} from './flex.js'
import type { FaqDef, GuideDef } from './schema-dialogues.js'

/**
 * A guide as a carousel the reader swipes through step by step: one card per step ("ขั้นที่
 * 2/5"), with who approves, which form and how long as rows, and a closing card that offers
 * the guide's quiz.
 */
export function renderGuide(guide: GuideDef): LineMessage[] {
  const total = guide.steps.length
  const cards = guide.steps.map((step, i) => {
    const facts: FlexNode[] = (step.facts ?? []).map((f) => ({
      type: 'box',
      layout: 'baseline',
      spacing: 'sm',
      contents: [
        text(f.label, { size: 'xs', color: COLORS.muted, flex: 2 }),
        text(f.value, { size: 'sm', flex: 5 }),
      ],
    }))
    return bubble({
      header: th(guide.title),
      body: [
        text(`ขั้นที่ ${i + 1}/${total} · Step ${i + 1} of ${total}`, { size: 'xs', color: COLORS.muted }),
        ...bilingualBlock(step.title, { weight: 'bold', size: 'md' }),
        ...bilingualBlock(step.body, { size: 'sm' }),
        ...facts,
      ],
      footer: step.link
        ? [button({ type: 'uri', label: step.link.label, uri: step.link.uri }, 'secondary')]
        : [],
    })
  })
  const closing: FlexNode[] = []
  if (guide.quiz) {
    closing.push(
      button(
        {
          type: 'postback',
          label: 'ทำแบบทดสอบ Quiz',
          data: data('quiz', { id: guide.quiz, q: 0 }),
          displayText: 'ทำแบบทดสอบ',
        },
        'primary',
      ),
    )
  }
  closing.push(button({ type: 'postback', label: 'เมนูหลัก Menu', data: 'action=menu', displayText: 'เมนู' }))
  cards.push(
    bubble({
      header: th(guide.title),
      body: [
        text('จบขั้นตอนแล้ว · That is all', { weight: 'bold' }),
        text(
          guide.quiz
            ? 'ทดสอบความเข้าใจสั้น ๆ ไม่กี่ข้อ\nA short check of what you read.'
            : 'สอบถามเพิ่มเติมได้ที่หน่วยงานที่รับผิดชอบ\nAsk the responsible unit for more.',
          { size: 'sm' },
        ),
      ],
      footer: closing,
    }),
  )
  return [carousel(`${both(guide.title, ' · ')}: ${th(guide.summary)}`, cards)]
}

/** A FAQ answer, with the guide it belongs to one tap away. */
export function renderFaq(faq: FaqDef, guides: ReadonlyMap<string, GuideDef>): LineMessage[] {
  const guide = faq.guide ? guides.get(faq.guide) : undefined
  const message: Record<string, unknown> = { type: 'text', text: both(faq.answer, '\n\n') }
  if (faq.guide && guide) {
    message.quickReply = {
      items: [
        {
          type: 'action',
          action: {
            type: 'postback',
            label: 'ดูขั้นตอน Steps',
            data: data('guide', { id: faq.guide }),
            displayText: th(guide.title),
          },
        },
      ],
    }
  }
  return [message as unknown as LineMessage]
}
