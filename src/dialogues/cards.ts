import { actorKey, appendEvents, placeKey } from '../engagement/events.js'
import { renderFaq, renderGuide } from '../flows/render-guide.js'
import { renderAnswer, renderQuestion } from '../flows/render-quiz.js'
import { FAQ_INTENT, GUIDE_INTENT } from '../flows/types.js'
import type { Source } from '../webhook/events.js'
import type { EventContext, HandlerRegistry } from '../webhook/registry.js'

type Ctx = EventContext<{ source: Source }>

/** One engagement event for what this person just did, under the measure it serves. */
async function record(ctx: Ctx, kind: string, ref: { type: string; id: string; measure: string }, data = {}) {
  await appendEvents(ctx.deps.db, [
    {
      orgId: ctx.orgId,
      occurredAt: ctx.now,
      kind,
      chatKey: await actorKey(ctx.deps.keyring, ctx.event.source),
      placeKey: await placeKey(ctx.deps.keyring, ctx.event.source),
      refType: ref.type,
      refId: ref.id,
      measure: ref.measure,
      data,
    },
  ])
}

const chatOf = (ctx: Ctx) => (ctx.event.source.type === 'user' ? 'user' : 'group')

async function showGuide(ctx: Ctx, id: string): Promise<void> {
  const guide = ctx.deps.flows.guides.get(id)
  if (!guide)
    return void (await ctx.responder.reply(ctx.deps.flows.render('help', {}, { chat: chatOf(ctx) })))
  await record(ctx, 'guide.viewed', { type: 'guide', id, measure: guide.measure })
  await ctx.responder.reply(renderGuide(guide))
}

/**
 * Guides (step cards), FAQ answers and quizzes, all from flows/: the code knows only their
 * shapes, so an agency adds a guide for borrowing projectors without a release.
 */
export function registerCards(registry: HandlerRegistry): void {
  registry.onPostback('guide', (ctx) => showGuide(ctx, ctx.params.get('id') ?? ''))
  registry.onIntent(GUIDE_INTENT, (ctx) => showGuide(ctx, (ctx.intent ?? '').slice(GUIDE_INTENT.length)))

  registry.onIntent(FAQ_INTENT, async (ctx) => {
    const id = (ctx.intent ?? '').slice(FAQ_INTENT.length)
    const faq = ctx.deps.flows.faqs.get(id)
    if (!faq) return
    await record(ctx, 'faq.answered', { type: 'faq', id, measure: faq.measure })
    await ctx.responder.reply(renderFaq(faq, ctx.deps.flows.guides))
  })

  registry.onPostback('quiz', async (ctx) => {
    const id = ctx.params.get('id') ?? ''
    const quiz = ctx.deps.flows.quizzes.get(id)
    const q = Number(ctx.params.get('q'))
    if (!quiz || !Number.isInteger(q) || q < 0 || q >= quiz.questions.length) {
      return void (await ctx.responder.reply(ctx.deps.flows.render('help', {}, { chat: chatOf(ctx) })))
    }
    const ref = { type: 'quiz', id, measure: quiz.measure }
    const a = ctx.params.get('a')
    if (a === null) {
      if (q === 0) await record(ctx, 'quiz.started', ref)
      return void (await ctx.responder.reply([renderQuestion(id, quiz, q, 0)]))
    }
    const answer = Number(a)
    const score = Number(ctx.params.get('s') ?? 0)
    const choices = quiz.questions[q]?.choices.length ?? 0
    // The data comes back from the person's phone: out-of-range values are not trusted.
    if (
      !Number.isInteger(answer) ||
      answer < 0 ||
      answer >= choices ||
      !Number.isInteger(score) ||
      score < 0 ||
      score > q
    ) {
      return void (await ctx.responder.reply([renderQuestion(id, quiz, q, 0)]))
    }
    const step = renderAnswer(id, quiz, q, answer, score)
    await record(ctx, 'quiz.answered', ref, { question: q, correct: step.correct })
    if (step.final) await record(ctx, 'quiz.completed', ref, step.final)
    await ctx.responder.reply(step.messages)
  })
}
