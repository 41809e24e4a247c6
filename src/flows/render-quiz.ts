import type { LineMessage } from '../line/port.js'
import { bilingualBlock, both, bubble, button, COLORS, data, flex, text, th } from './flex.js'
import type { QuizDef } from './schema-dialogues.js'

/**
 * Quizzes are stateless: the question number and the score so far travel in the postback
 * data of each answer button, so nothing about the person is stored to run a quiz; only the
 * answers, as pseudonymous engagement events.
 */
export function renderQuestion(id: string, quiz: QuizDef, index: number, score: number): LineMessage {
  const q = quiz.questions[index]
  if (!q) throw new RangeError(`quiz ${id} has no question ${index}`)
  const total = quiz.questions.length
  return flex(
    `${th(quiz.title)} ข้อ ${index + 1}/${total}: ${th(q.text)}`,
    bubble({
      header: th(quiz.title),
      body: [
        text(`ข้อ ${index + 1}/${total} · Question ${index + 1} of ${total}`, {
          size: 'xs',
          color: COLORS.muted,
        }),
        ...bilingualBlock(q.text, { weight: 'bold' }),
      ],
      footer: q.choices.map((c, a) =>
        button(
          {
            type: 'postback',
            label: c.label,
            data: data('quiz', { id, q: index, a, s: score }),
            displayText: c.label,
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

/** The feedback on one answer, then the next question or the result. */
export function renderAnswer(
  id: string,
  quiz: QuizDef,
  index: number,
  answer: number,
  score: number,
): QuizStep {
  const q = quiz.questions[index]
  if (!q) throw new RangeError(`quiz ${id} has no question ${index}`)
  const correct = answer === q.answer
  const newScore = score + (correct ? 1 : 0)
  const right = q.choices[q.answer]?.label ?? ''
  const verdict = correct ? 'ถูกต้อง ✓ Correct' : `ยังไม่ถูก คำตอบคือ "${right}" · Not quite: "${right}"`
  const feedback = { type: 'text', text: `${verdict}\n${both(q.explain, '\n')}` } as unknown as LineMessage
  const total = quiz.questions.length
  if (index + 1 < total) {
    return { correct, final: null, messages: [feedback, renderQuestion(id, quiz, index + 1, newScore)] }
  }
  const result = {
    type: 'text',
    text: `${th(quiz.title)}: ได้ ${newScore}/${total} คะแนน\nScore: ${newScore} of ${total}. ${
      newScore === total
        ? 'ครบถ้วน ขอบคุณที่ร่วมทบทวน · Well done.'
        : 'ทบทวนคู่มือได้ทุกเมื่อ พิมพ์ "เมนู" · Type "menu" to review.'
    }`,
  } as unknown as LineMessage
  return { correct, final: { score: newScore, total }, messages: [feedback, result] }
}
