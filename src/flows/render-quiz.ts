import { pick } from '../core/lang.js'
import { defineMessages } from '../core/messages.js'
import type { LineMessage } from '../line/port.js'
import { bubble, button, COLORS, data, flex, text } from './flex.js'
import type { CardOptions } from './render-guide.js'
import type { QuizDef } from './schema-dialogues.js'

const quizWords = defineMessages({
  question: ['ข้อ {{n}}/{{total}}', 'Question {{n}} of {{total}}'],
  correct: ['ถูกต้อง ✓', 'Correct ✓'],
  notQuite: ['ยังไม่ถูก คำตอบคือ "{{right}}"', 'Not quite: the answer is "{{right}}".'],
  allRight: ['ครบถ้วน ขอบคุณที่ร่วมทบทวน', 'Well done, and thank you for reviewing.'],
  review: ['ทบทวนเนื้อหาแล้วลองทำอีกครั้งได้ทุกเมื่อ', 'Review the topic and try again any time.'],
  score: ['ได้ {{score}}/{{total}} คะแนน', 'Score: {{score}} of {{total}}'],
  again: ['ทำอีกครั้ง', 'Try again'],
  menu: ['เมนูหลัก', 'Main menu'],
})

/**
 * Nothing about the person is stored to run a quiz beyond the answers themselves, as
 * pseudonymous engagement events. Each button carries the quiz round (a signed id made when
 * the quiz starts, src/dialogues/quiz-round.ts) and the question; the score is never carried:
 * it is read back from the round's first answers (src/dialogues/quiz.ts).
 */
export function renderQuestion(
  id: string,
  quiz: QuizDef,
  index: number,
  round: string,
  opts: CardOptions,
): LineMessage {
  const { lang } = opts
  const q = quiz.questions[index]
  if (!q) throw new RangeError(`quiz ${id} has no question ${index}`)
  const total = quiz.questions.length
  const counter = quizWords(lang)('question', { n: index + 1, total })
  return flex(
    `${pick(quiz.title, lang)} ${counter}: ${pick(q.text, lang)}`,
    bubble({
      header: pick(quiz.title, lang),
      body: [
        text(counter, { size: 'xs', color: COLORS.muted }),
        text(pick(q.text, lang), { weight: 'bold' }),
      ],
      footer: q.choices.map((c, a) =>
        button(
          {
            type: 'postback',
            label: pick(c.label, lang),
            data: data('quiz', { id, r: round, q: index, a }),
            // In a group the answer is the member's own business: nothing is posted in their name.
            ...(opts.chat === 'group' ? {} : { displayText: pick(c.label, lang) }),
          },
          'secondary',
        ),
      ),
    }),
  )
}

export interface QuizStep {
  correct: boolean
  messages: LineMessage[]
  /** Set when this answer finished the quiz. */
  final: { score: number; total: number } | null
}

/** Where a round stands after an answer: the score of its other first answers, what to ask next. */
export interface QuizProgress {
  round: string
  /** Correct first answers of the round before this one. */
  score: number
  /** The next question not yet answered in the round; null when this answer completes it. */
  next: number | null
}

/** The feedback on one answer, then the next question or the result. */
export function renderAnswer(
  id: string,
  quiz: QuizDef,
  index: number,
  answer: number,
  progress: QuizProgress,
  opts: CardOptions,
): QuizStep {
  const { lang } = opts
  const q = quiz.questions[index]
  if (!q) throw new RangeError(`quiz ${id} has no question ${index}`)
  const correct = answer === q.answer
  const newScore = progress.score + (correct ? 1 : 0)
  const right = pick(q.choices[q.answer]?.label ?? '', lang)
  const verdict = correct ? quizWords(lang)('correct') : quizWords(lang)('notQuite', { right })
  const feedback = { type: 'text', text: `${verdict}\n${pick(q.explain, lang)}` } as unknown as LineMessage
  const total = quiz.questions.length
  if (progress.next !== null) {
    return {
      correct,
      final: null,
      messages: [feedback, renderQuestion(id, quiz, progress.next, progress.round, opts)],
    }
  }
  return {
    correct,
    final: { score: newScore, total },
    messages: [feedback, renderResult(id, quiz, newScore, opts)],
  }
}

/** The score of a finished round, with what to do next one tap away. */
export function renderResult(id: string, quiz: QuizDef, newScore: number, opts: CardOptions): LineMessage {
  const { lang } = opts
  const total = quiz.questions.length
  const t = quizWords(lang)
  const verdict = t(newScore === total ? 'allRight' : 'review')
  const score = t('score', { score: newScore, total })
  const again = t('again')
  const menu = t('menu')
  return {
    type: 'text',
    text: `${pick(quiz.title, lang)}: ${score}\n${verdict}`,
    quickReply: {
      items: [
        {
          type: 'action',
          action: { type: 'postback', label: again, data: data('quiz', { id, q: 0 }), displayText: again },
        },
        { type: 'action', action: { type: 'postback', label: menu, data: 'action=menu', displayText: menu } },
      ],
    },
  } as unknown as LineMessage
}
