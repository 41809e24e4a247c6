import { type Lang, pick } from '../core/lang.js'
import { defineMessages } from '../core/messages.js'
import type { LineMessage } from '../line/port.js'
import { bubble, button, COLORS, carousel, data, type FlexNode, text } from './flex.js'
import type { FaqDef, GuideDef } from './schema-dialogues.js'

export interface CardOptions {
  lang: Lang
  /** In a group a button posts nothing in the member's name (no displayText). */
  chat?: 'user' | 'group'
}

const guideWords = defineMessages({
  item: ['ข้อ {{i}}/{{total}}', 'Item {{i}} of {{total}}'],
  step: ['ขั้นที่ {{i}}/{{total}}', 'Step {{i}} of {{total}}'],
  allItems: ['ครบ {{n}} ข้อแล้ว', 'That is all {{n}}'],
  allSteps: ['จบขั้นตอนแล้ว', 'That is every step'],
  quizNext: ['ทดสอบความเข้าใจสั้น ๆ ไม่กี่ข้อ', 'A short check of what you read.'],
  askMore: ['สอบถามเพิ่มเติมได้ที่หน่วยงานที่รับผิดชอบ', 'Ask the responsible unit for more.'],
  takeQuiz: ['ทำแบบทดสอบ', 'Take the quiz'],
  menu: ['เมนูหลัก', 'Main menu'],
  seeAll: ['ดูทั้งหมด', 'See all'],
  seeSteps: ['ดูขั้นตอน', 'See the steps'],
})

/** "ขั้นที่ 2/5" for a procedure, "ข้อ 2/7" for a list: the counter says what the cards are. */
function counter(guide: GuideDef, i: number, total: number, lang: Lang): string {
  return guideWords(lang)(guide.kind === 'items' ? 'item' : 'step', { i, total })
}

function closingText(guide: GuideDef, lang: Lang): { title: string; body: string } {
  const t = guideWords(lang)
  const title = guide.kind === 'items' ? t('allItems', { n: guide.steps.length }) : t('allSteps')
  const body = guide.closing ? pick(guide.closing, lang) : t(guide.quiz ? 'quizNext' : 'askMore')
  return { title, body }
}

/**
 * A guide as a carousel the reader swipes through card by card: one card per step or item,
 * with who approves, which form and how long as rows, and a closing card that offers the
 * guide's quiz.
 */
export function renderGuide(guide: GuideDef, opts: CardOptions): LineMessage[] {
  const { lang } = opts
  const group = opts.chat === 'group'
  const total = guide.steps.length
  const cards = guide.steps.map((step, i) => {
    const facts: FlexNode[] = (step.facts ?? []).map((f) => ({
      type: 'box',
      layout: 'baseline',
      spacing: 'sm',
      contents: [
        text(pick(f.label, lang), { size: 'xs', color: COLORS.muted, flex: 2 }),
        text(pick(f.value, lang), { size: 'sm', flex: 5 }),
      ],
    }))
    return bubble({
      header: pick(guide.title, lang),
      body: [
        text(counter(guide, i + 1, total, lang), { size: 'xs', color: COLORS.muted }),
        text(pick(step.title, lang), { weight: 'bold', size: 'md' }),
        text(pick(step.body, lang), { size: 'sm' }),
        ...facts,
      ],
      footer: step.link
        ? [button({ type: 'uri', label: pick(step.link.label, lang), uri: step.link.uri }, 'secondary')]
        : [],
    })
  })
  const closing: FlexNode[] = []
  if (guide.quiz) {
    const label = guideWords(lang)('takeQuiz')
    closing.push(
      button(
        {
          type: 'postback',
          label,
          data: data('quiz', { id: guide.quiz, q: 0 }),
          ...(group ? {} : { displayText: label }),
        },
        'primary',
      ),
    )
  }
  const menu = guideWords(lang)('menu')
  closing.push(
    button({ type: 'postback', label: menu, data: 'action=menu', ...(group ? {} : { displayText: menu }) }),
  )
  const end = closingText(guide, lang)
  cards.push(
    bubble({
      header: pick(guide.title, lang),
      body: [text(end.title, { weight: 'bold' }), text(end.body, { size: 'sm' })],
      footer: closing,
    }),
  )
  return [carousel(`${pick(guide.title, lang)}: ${pick(guide.summary, lang)}`, cards)]
}

/** A FAQ answer, with the guide it belongs to one tap away. */
export function renderFaq(faq: FaqDef, guides: ReadonlyMap<string, GuideDef>, lang: Lang): LineMessage[] {
  const guide = faq.guide ? guides.get(faq.guide) : undefined
  const message: Record<string, unknown> = { type: 'text', text: pick(faq.answer, lang) }
  if (faq.guide && guide) {
    message.quickReply = {
      items: [
        {
          type: 'action',
          action: {
            type: 'postback',
            label: guideWords(lang)(guide.kind === 'items' ? 'seeAll' : 'seeSteps'),
            data: data('guide', { id: faq.guide }),
            displayText: pick(guide.title, lang),
          },
        },
      ],
    }
  }
  return [message as unknown as LineMessage]
}
