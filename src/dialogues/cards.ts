import { actorKey, appendEvents, placeKey } from '../engagement/events.js'
import { renderFaq, renderGuide } from '../flows/render-guide.js'
import { FAQ_INTENT, GUIDE_INTENT } from '../flows/types.js'
import type { Source } from '../webhook/events.js'
import type { EventContext, HandlerRegistry } from '../webhook/registry.js'
import { registerQuiz } from './quiz.js'

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
  await ctx.responder.reply(renderGuide(guide, { lang: ctx.lang, chat: chatOf(ctx) }))
}

/**
 * Guides (step cards), FAQ answers and quizzes (quiz.ts), all from flows/: the code knows only their
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
    await ctx.responder.reply(renderFaq(faq, ctx.deps.flows.guides, ctx.lang))
  })

  registerQuiz(registry)
}
