import type { TextUnderstanding } from '../conversation/understanding.js'
import { DEFAULT_LANG } from '../core/lang.js'
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

/** Events LINE allows no answer to. */
const SILENT: ReadonlySet<string> = new Set(['unfollow', 'leave', 'memberLeft'])

type Route = (ctx: EventContext<unknown>) => Promise<string>

/** Builds the dispatch function: parse the stored event, then route it through the registry. */
export function createDispatcher(
  registry: HandlerRegistry,
  understanding: TextUnderstanding,
  deps: HandlerDeps,
): Dispatch {
  const routeText = async (ctx: EventContext<MessageEvent>, text: string): Promise<string> => {
    const addressed = ctx.event.source.type === 'user' || mentionsBot(ctx.event)
    const textCtx: TextContext = { ...ctx, text, addressed }
    for (const claim of registry.textClaims) {
      const outcome = await claim(textCtx)
      if (outcome !== null) return outcome
    }
    const understood = understanding.understand(withoutSelfMention(ctx.event, text))
    const told: TextContext = { ...textCtx, understood }
    // In a group the bot speaks only when addressed or when the whole message is a command,
    // so ordinary conversation between staff is left alone.
    const intent = addressed || understood.exact ? understood.intent : null
    // Intents made from flows data ("guide:assets.it") share one handler per kind.
    const kind = intent?.includes(':') ? `${intent.split(':')[0]}:` : null
    const handler = intent
      ? (registry.intents.get(intent) ?? (kind ? registry.intents.get(kind) : undefined))
      : undefined
    if (handler && intent) {
      await handler({ ...told, intent })
      // What someone asked about complaints is never written next to their chat.
      return understood.sensitive ? 'fallback' : `intent:${intent}`
    }
    if (!addressed || !registry.fallback) return 'text:unaddressed'
    await registry.fallback(told)
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
      // A button may stand for words the person would otherwise type (src/dialogues/leave.ts:
      // "leave the form and do what I asked"): they are routed as if typed in this chat.
      const retype = (text: string) => routeText(typedIn(pctx, text), text)
      const press = { ...pctx, action, params, retype }
      await handler(press)
      // One place for every button (engagement/presses.ts registers the hook that logs it):
      // handlers log only what is specific to them.
      const unlinkable = registry.unlinkable.get(action)
      for (const hook of registry.pressHooks) await hook(press, unlinkable)
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
    // Nothing is said in answer to these, so nobody's language is looked up for them.
    const silent = event.mode === 'standby' || SILENT.has(type)
    const lang = silent ? DEFAULT_LANG : await deps.languages.forChat(orgId, event.source, line)
    const ctx: EventContext<unknown> = {
      orgId,
      event,
      line,
      now,
      lang,
      // Every handler's render() speaks the chat's language without being told.
      deps: { ...deps, flows: deps.flows.inLang(lang) },
      responder,
    }
    const outcomes: string[] = []
    for (const handler of registry.events.get(type) ?? []) await handler(ctx)
    const route = routes[type]
    // Where a route follows (messages, postbacks), its outcome says what the event was; the
    // type's own handlers before it (the person's menu, contacts/menu-handlers.ts) add nothing.
    if (registry.events.has(type) && !route) outcomes.push(type)
    if (route) outcomes.push(await route(ctx))
    return outcomes.join(' ') || `${type}:no handler`
  }
}

/** A text message of the same person, chat and moment as a button press. */
function typedIn(ctx: EventContext<PostbackEvent>, text: string): EventContext<MessageEvent> {
  const { postback: _postback, ...rest } = ctx.event
  const message = { type: 'text' as const, id: `${ctx.event.webhookEventId}:typed`, text }
  return { ...ctx, event: { ...rest, type: 'message', message } }
}

type Mentionee = { isSelf?: boolean; index?: number; length?: number }
const mentioneesOf = (event: MessageEvent): Mentionee[] =>
  (event.message as { mention?: { mentionees?: Mentionee[] } }).mention?.mentionees ?? []

function mentionsBot(event: MessageEvent): boolean {
  return mentioneesOf(event).some((m) => m.isSelf === true)
}

/** The text without "@bot" (LINE's mention of this account): what was said to it. */
function withoutSelfMention(event: MessageEvent, text: string): string {
  const self = mentioneesOf(event)
    .filter((m) => m.isSelf === true && Number.isInteger(m.index) && Number.isInteger(m.length))
    .sort((a, b) => (b.index ?? 0) - (a.index ?? 0))
  return self.reduce((t, m) => `${t.slice(0, m.index)} ${t.slice((m.index ?? 0) + (m.length ?? 0))}`, text)
}
