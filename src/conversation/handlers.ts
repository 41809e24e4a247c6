import { actorKey, appendEvents, placeKey } from '../engagement/events.js'
import type { Source } from '../webhook/events.js'
import type { EventContext, Handler, HandlerRegistry, TextContext } from '../webhook/registry.js'
import { renderStep, withGuesses } from './answers.js'
import { COMPLAINT_OFFER_INTENT, STEP_INTENT, type Target } from './catalogue.js'
import { CLARIFY_INTENT, GUESS, type Understanding } from './understanding.js'
import { understandingOf } from './understanding-cache.js'

/** Topics whose first answer is a flows message (`topic.<id>`): a menu of what the topic offers. */
const TOPICS = ['assets', 'nogift'] as const

type Ctx = EventContext<{ source: Source }>
const chatOf = (source: Source) => (source.type === 'user' ? 'user' : 'group')

/** Replies with a flows message, rendered for the kind of chat (groups get fewer quick replies). */
function replyWith<C extends EventContext<{ source: Source }>>(key: string): Handler<C> {
  return async (ctx) => {
    const messages = ctx.deps.flows.render(key, {}, { chat: chatOf(ctx.event.source) })
    await ctx.responder.reply(messages)
  }
}

/**
 * The best target and the runners-up of an understanding that came anywhere near (GUESS), as
 * flows targets: "ข้าวผัดกะเพรา" offers the menu's topics only.
 */
function guessesOf(ctx: Ctx, u: Understanding | undefined): Target[] {
  if (!u?.target) return []
  const understanding = understandingOf(ctx.deps.flows)
  return [{ target: u.target, confidence: u.confidence }, ...u.alternatives]
    .filter((g) => g.confidence >= GUESS)
    .flatMap((g) => understanding.target(g.target) ?? [])
}

/** A step of a guide ("step:assets.it.2", or the postback `action=step&id=…&i=…`). */
async function showStep(ctx: Ctx, guideId: string, index: number): Promise<void> {
  const { flows } = ctx.deps
  const guide = flows.guides.get(guideId)
  if (!guide || !Number.isInteger(index) || !guide.steps[index]) {
    return void (await ctx.responder.reply(flows.render('help', {}, { chat: chatOf(ctx.event.source) })))
  }
  // A step read is the guide read in part: evidence for its measure like the whole guide.
  await appendEvents(ctx.deps.db, [
    {
      orgId: ctx.orgId,
      occurredAt: ctx.now,
      kind: 'guide.viewed',
      chatKey: await actorKey(ctx.deps.keyring, ctx.event.source),
      placeKey: await placeKey(ctx.deps.keyring, ctx.event.source),
      refType: 'guide',
      refId: guideId,
      measure: guide.measure,
      data: { step: index },
    },
  ])
  await ctx.responder.reply(renderStep(guideId, guide, index, ctx.lang, chatOf(ctx.event.source)))
}

/** "step:assets.it.2" → ["assets.it", 2]. */
function stepOf(intent: string | undefined): [string, number] {
  const ref = (intent ?? '').slice(STEP_INTENT.length)
  const dot = ref.lastIndexOf('.')
  return [ref.slice(0, dot), Number(ref.slice(dot + 1))]
}

/**
 * Menu, small talk, answers made from an understanding (a guide's step, the clarifying question,
 * the complaint offer) and the fallback. Registered after the capability modules (services.ts),
 * so an intent or postback a capability already handles is left to it.
 */
export function registerConversation(registry: HandlerRegistry): void {
  const intent = (id: string, handler: Handler<TextContext>) => {
    if (!registry.intents.has(id)) registry.onIntent(id, handler)
  }
  const postback = (action: string, key: string) => {
    if (!registry.postbacks.has(action)) registry.onPostback(action, replyWith(key))
  }

  intent('help', replyWith('help'))
  postback('menu', 'help')
  intent('about', replyWith('about'))
  postback('about', 'about')
  for (const topic of TOPICS) intent(topic, replyWith(`topic.${topic}`))
  intent('greeting', replyWith('smalltalk.greeting'))
  intent('thanks', replyWith('smalltalk.thanks'))

  intent(STEP_INTENT, (ctx) => showStep(ctx, ...stepOf(ctx.intent)))
  if (!registry.postbacks.has('step')) {
    registry.onPostback('step', (ctx) =>
      showStep(ctx, ctx.params.get('id') ?? '', Number(ctx.params.get('i'))),
    )
  }
  // A complaint told as a sentence: the form is offered, the sentence itself is not kept; in a
  // group, the pointer to the 1:1 chat (complaints/intent-claim.ts says why).
  intent(COMPLAINT_OFFER_INTENT, async (ctx) => {
    const chat = chatOf(ctx.event.source)
    await ctx.responder.reply(
      ctx.deps.flows.render(chat === 'user' ? 'complaint.offer' : 'group.pointer', {}, { chat }),
    )
  })
  // Unsure: the best few as quick replies, before the menu's topics.
  intent(CLARIFY_INTENT, async (ctx) => {
    const chat = chatOf(ctx.event.source)
    const messages = ctx.deps.flows.render('understand.clarify', {}, { chat })
    await ctx.responder.reply(withGuesses(messages, guessesOf(ctx, ctx.understood), ctx.lang, chat))
  })
  // Never "I don't understand" alone: whatever came close, then the menu's topics.
  // Groups never reach the fallback unless the bot was mentioned (the dispatcher decides).
  if (!registry.fallback) {
    registry.onFallback(async (ctx) => {
      const chat = chatOf(ctx.event.source)
      const messages = ctx.deps.flows.render('fallback', {}, { chat })
      await ctx.responder.reply(withGuesses(messages, guessesOf(ctx, ctx.understood), ctx.lang, chat))
    })
  }
}
