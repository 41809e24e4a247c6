import type { Source } from '../webhook/events.js'
import type { EventContext, Handler, HandlerRegistry, TextContext } from '../webhook/registry.js'

/** Topics whose first answer is a flows message (`topic.<id>`): a menu of what the topic offers. */
const TOPICS = ['assets', 'nogift'] as const

const chatOf = (source: Source) => (source.type === 'user' ? 'user' : 'group')

/** Replies with a flows message, rendered for the kind of chat (groups get fewer quick replies). */
function replyWith<C extends EventContext<{ source: Source }>>(key: string): Handler<C> {
  return async (ctx) => {
    const messages = ctx.deps.flows.render(key, {}, { chat: chatOf(ctx.event.source) })
    await ctx.responder.reply(messages)
  }
}

/**
 * Menu, small talk, "being prepared" topics and the fallback. Registered after the
 * capability modules (services.ts), so an intent or postback a capability already handles
 * is left to it and the placeholder topic reply steps aside.
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
  // Groups never reach the fallback unless the bot was mentioned (the dispatcher decides).
  if (!registry.fallback) registry.onFallback(replyWith('fallback'))
}
