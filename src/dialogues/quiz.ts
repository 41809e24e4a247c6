import { actorKey, appendEvents, placeKey } from '../engagement/events.js'
import { renderAnswer, renderQuestion, renderResult } from '../flows/render-quiz.js'
import type { QuizDef } from '../flows/schema-dialogues.js'
import type { LineMessage } from '../line/port.js'
import { answerPerson } from '../webhook/personal.js'
import type { HandlerRegistry, PostbackContext } from '../webhook/registry.js'
import { firstAnswers, QUIZ_ANSWERED } from './quiz-repository.js'
import { checkRound, newRound } from './quiz-round.js'

const chatOf = (ctx: PostbackContext): 'user' | 'group' =>
  ctx.event.source.type === 'user' ? 'user' : 'group'

/** The first question of the round not answered yet, or null when all are. */
const nextOpen = (quiz: QuizDef, answered: ReadonlyMap<number, boolean>) => {
  const i = quiz.questions.findIndex((_, n) => !answered.has(n))
  return i < 0 ? null : i
}
const scoreOf = (answered: ReadonlyMap<number, boolean>) => [...answered.values()].filter(Boolean).length

/**
 * Quizzes (flows quizzes:), answered with buttons. A score is evidence (the report's mean quiz
 * score against the measure's target), so it is read from what was recorded, never from the
 * button: the first answer to each question in a round counts, an older card tapped again is
 * told so and changes nothing, and a button whose round the bot did not make, or made more than
 * a day ago, starts a new round at question 1 without recording anything.
 */
export function registerQuiz(registry: HandlerRegistry): void {
  registry.onPostback('quiz', async (ctx) => {
    const { deps, orgId, now } = ctx
    const id = ctx.params.get('id') ?? ''
    const quiz = deps.flows.quizzes.get(id)
    const q = Number(ctx.params.get('q'))
    const chatKey = await actorKey(deps.keyring, ctx.event.source)
    if (!quiz || !chatKey || !Number.isInteger(q) || q < 0 || q >= quiz.questions.length) {
      return void (await ctx.responder.reply(deps.flows.render('help', {}, { chat: chatOf(ctx) })))
    }
    const ref = { refType: 'quiz', refId: id, measure: quiz.measure }
    const record = async (kind: string, data: Record<string, unknown> = {}) =>
      appendEvents(deps.db, [
        {
          orgId,
          occurredAt: now,
          kind,
          chatKey,
          placeKey: await placeKey(deps.keyring, ctx.event.source),
          ...ref,
          data,
        },
      ])
    // Quiet groups: a member's quiz goes on in their own 1:1 chat (webhook/personal.ts).
    const person = await answerPerson(ctx)
    const reply = (messages: LineMessage[]) => person.reply(messages)
    const card = { lang: person.lang, chat: person.chat }
    const a = ctx.params.get('a')
    const round = await checkRound(deps.keyring, orgId, id, ctx.params.get('r'), now)
    const r = ctx.params.get('r') ?? ''

    if (!round.ok) {
      // The start button has no round; any other button without a good one starts afresh.
      const fresh = await newRound(deps.keyring, orgId, id, now)
      await record('quiz.started')
      const starting = round.reason === 'missing' && a === null && q === 0
      const lead = starting ? [] : deps.flows.render('quiz.newRound', {}, card)
      return void (await reply([...lead, renderQuestion(id, quiz, 0, fresh, card)]))
    }
    const answer = Number(a)
    const choices = quiz.questions[q]?.choices.length ?? 0
    if (a === null || !Number.isInteger(answer) || answer < 0 || answer >= choices) {
      return void (await reply([renderQuestion(id, quiz, q, r, card)]))
    }

    const answered = await firstAnswers(deps.db, {
      orgId,
      chatKey,
      quizId: id,
      round: r,
      since: round.startedAt,
    })
    if (answered.has(q)) {
      const next = nextOpen(quiz, answered)
      const where =
        next === null
          ? renderResult(id, quiz, scoreOf(answered), card)
          : renderQuestion(id, quiz, next, r, card)
      return void (await reply([...deps.flows.render('quiz.answeredBefore', {}, card), where]))
    }
    const before = scoreOf(answered)
    const step = renderAnswer(
      id,
      quiz,
      q,
      answer,
      {
        round: r,
        score: before,
        next: nextOpen(quiz, new Map([...answered, [q, true]])),
      },
      card,
    )
    await record(QUIZ_ANSWERED, { question: q, correct: step.correct, round: r })
    if (step.final) await record('quiz.completed', step.final)
    await reply(step.messages)
  })
}
