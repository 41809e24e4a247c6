import type { IntentMatcher } from '../conversation/intents.js'
import { recordPress } from '../engagement/presses.js'
import {
  type BaseEvent,
  eventSchemas,
  isKnownEventType,
  type MessageEvent,
  type PostbackEvent,
} from './events.js'
import type { EventContext, HandlerDeps, HandlerRegistry, TextContext } from './registry.js'
import { createResponder } from './responder.js'

export type Dispatch = (orgId: string, raw: unknown) => Promise<string>

type Route = (ctx: EventContext<unknown>) => Promise<string>

/** Builds the dispatch function: parse the stored event, then route it through the registry. */
export function createDispatcher(
  registry: HandlerRegistry,
  matcher: IntentMatcher,
  deps: HandlerDeps,
): Dispatch {
  const routeText = async (ctx: EventContext<MessageEvent>, text: string): Promise<string> => {
    const addressed = ctx.event.source.type === 'user' || mentionsBot(ctx.event)
    const textCtx: TextContext = { ...ctx, text, addressed }
    for (const claim of registry.textClaims) {
      const outcome = await claim(textCtx)
      if (outcome !== null) return outcome
    }
    const match = matcher.match(text)
    // In a group the bot speaks only when addressed or when the whole message is a command,
    // so ordinary conversation between staff is left alone.
    if (match && (addressed || match.exact)) {
      // Intents made from flows data ("guide:assets.it") share one handler per kind.
      const kind = match.intent.includes(':') ? `${match.intent.split(':')[0]}:` : null
      const handler = registry.intents.get(match.intent) ?? (kind ? registry.intents.get(kind) : undefined)
      if (handler) {
        await handler({ ...textCtx, intent: match.intent })
        return `intent:${match.intent}`
      }
    }
    if (!addressed || !registry.fallback) return 'text:unaddressed'
    await registry.fallback(textCtx)
    return 'fallback'
  }

  const routes: Partial<Record<string, Route>> = {
    message: async (ctx) => {
      const mctx = ctx as EventContext<MessageEvent>
      const message = mctx.event.message
      if (message.type === 'text') return routeText(mctx, message.text)
      const handler = registry.messageKinds.get(message.type)
      if (!handler) return `message:${message.type}:unhandled`
      await handler(mctx)
      return `message:${message.type}`
    },
    postback: async (ctx) => {
      const pctx = ctx as EventContext<PostbackEvent>
      const params = new URLSearchParams(pctx.event.postback.data)
      const action = params.get('action') ?? ''
      const handler = registry.postbacks.get(action)
      if (!handler) return `postback:unknown`
      const press = { ...pctx, action, params }
      await handler(press)
      // One place for every button: handlers log only what is specific to them.
      await recordPress(press, registry.unlinkable.get(action))
      return `postback:${action}`
    },
  }

  return async (orgId, raw) => {
    const type = (raw as { type?: unknown }).type
    if (typeof type !== 'string' || !isKnownEventType(type)) return 'ignored:unknown type'
    const event = eventSchemas[type].parse(raw) as BaseEvent
    const now = deps.clock.now()
    const line = await deps.lines(orgId)
    if (!line) throw new Error(`organization ${orgId} has no LINE channel`)
    const responder = createResponder({ event, orgId, line, deps })
    const ctx: EventContext<unknown> = { orgId, event, line, now, deps, responder }
    const outcomes: string[] = []
    for (const handler of registry.events.get(type) ?? []) await handler(ctx)
    if (registry.events.has(type)) outcomes.push(type)
    const route = routes[type]
    if (route) outcomes.push(await route(ctx))
    return outcomes.join(' ') || `${type}:no handler`
  }
}

function mentionsBot(event: MessageEvent): boolean {
  const mention = (event.message as { mention?: { mentionees?: { isSelf?: boolean }[] } }).mention
  return mention?.mentionees?.some((m) => m.isSelf === true) ?? false
}
