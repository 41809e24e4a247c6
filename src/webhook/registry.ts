import type { Kysely } from 'kysely'
import type { EvidenceCleaner } from '../complaints/evidence/cleaner.js'
import type { Config } from '../config.js'
import type { Languages } from '../contacts/language.js'
import type { Understanding } from '../conversation/understanding.js'
import type { Clock } from '../core/clock.js'
import type { FailureLog } from '../core/failures.js'
import type { Keyring } from '../core/keyring.js'
import type { Lang } from '../core/lang.js'
import type { Logger } from '../core/logger.js'
import type { Serial } from '../core/serial.js'
import type { Database } from '../db/schema.js'
import type { Flows } from '../flows/types.js'
import type { LinePort, LineResolver } from '../line/port.js'
import type { EventOf, KnownEventType, MessageContent, MessageEvent, PostbackEvent } from './events.js'
import type { Responder } from './responder.js'

/** What every handler may use; built once in app wiring. */
export interface HandlerDeps {
  db: Kysely<Database>
  /** The sending channel of each organization. */
  lines: LineResolver
  log: Logger
  clock: Clock
  keyring: Keyring
  flows: Flows
  /** Settings handlers need (complaint deadlines, evidence limits, time zone). */
  config: Config
  /** Cleans complaint evidence off the event loop where the runtime can. */
  evidence: EvidenceCleaner
  /** Where every write of evidence bytes waits its turn (AppDeps['evidenceWrites']). */
  evidenceWrites: Serial
  /** Each person's language (contacts/language.ts). */
  languages: Languages
  /** Failures said once per cause and counted on /healthz (core/failures.ts). */
  failures: FailureLog
}

export interface EventContext<E> {
  orgId: string
  event: E
  /** The channel of the organization the event came to. */
  line: LinePort
  now: Date
  /**
   * The language to answer in (src/contacts/language.ts): the person's in a 1:1 chat, the
   * organization's default in a group. `deps.flows` renders in it already.
   */
  lang: Lang
  deps: HandlerDeps
  responder: Responder
}

export interface TextContext extends EventContext<MessageEvent> {
  text: string
  /** True in a 1:1 chat, or when a group member mentioned the bot. */
  addressed: boolean
  /** The intent that matched, when an intent handler runs. */
  intent?: string
  /** What the text was understood as (src/conversation/understanding.ts), once matched. */
  understood?: Understanding
}

export interface PostbackContext extends EventContext<PostbackEvent> {
  action: string
  params: URLSearchParams
  /** Routes words as if the person had typed them in this chat (claims, intents, fallback). */
  retype?: (text: string) => Promise<string>
}

export type Handler<C> = (ctx: C) => Promise<void>
/** Whether a press must stay unlinkable to the person: always, or per press (by the form it names). */
export type Unlinkable = true | ((ctx: PostbackContext) => boolean)
/**
 * Sees a text before intent matching and answers whether it took it: a dialogue waiting for
 * the user's next answer, or a message in a fixed shape such as a code. Returns the outcome
 * label for the inbox, or null to let the next claim and then the intents have it.
 */
export type TextClaim = (ctx: TextContext) => Promise<string | null>
/**
 * Runs after a postback's handler succeeded (a failed one is retried by the inbox, so a press
 * is seen once), with the press and how its action was declared unlinkable.
 */
export type PressHook = (ctx: PostbackContext, unlinkable: Unlinkable | undefined) => Promise<void>
type MessageKind = MessageContent['type']

/**
 * Handlers register by event type, by intent (text messages), by postback action and by
 * message kind; the dispatcher looks them up in maps instead of a nested switch.
 */
export class HandlerRegistry {
  readonly events = new Map<KnownEventType, Handler<EventContext<unknown>>[]>()
  readonly intents = new Map<string, Handler<TextContext>>()
  readonly postbacks = new Map<string, Handler<PostbackContext>>()
  readonly unlinkable = new Map<string, Unlinkable>()
  readonly messageKinds = new Map<MessageKind, Handler<EventContext<MessageEvent>>>()
  readonly textClaims: TextClaim[] = []
  readonly pressHooks: PressHook[] = []
  fallback: Handler<TextContext> | null = null

  onEvent<T extends KnownEventType>(type: T, handler: Handler<EventContext<EventOf<T>>>): this {
    const list = this.events.get(type) ?? []
    list.push(handler as Handler<EventContext<unknown>>)
    this.events.set(type, list)
    return this
  }

  onIntent(intent: string, handler: Handler<TextContext>): this {
    if (this.intents.has(intent)) throw new Error(`intent "${intent}" already has a handler`)
    this.intents.set(intent, handler)
    return this
  }

  onPostback(action: string, handler: Handler<PostbackContext>): this {
    if (this.postbacks.has(action)) throw new Error(`postback action "${action}" already has a handler`)
    this.postbacks.set(action, handler)
    return this
  }

  /**
   * Presses of these actions are never logged (complaint intake and follow-up, anonymous
   * questions): the press hooks log every other press (engagement/presses.ts says why).
   */
  keepPressesUnlinkable(actions: readonly string[], when: Unlinkable = true): this {
    for (const action of actions) this.unlinkable.set(action, when)
    return this
  }

  onMessage(kind: Exclude<MessageKind, 'text'>, handler: Handler<EventContext<MessageEvent>>): this {
    this.messageKinds.set(kind, handler)
    return this
  }

  /** Claims run in registration order, before intents. */
  onTextClaim(claim: TextClaim): this {
    this.textClaims.push(claim)
    return this
  }

  /** Hooks run in registration order, after every postback handler that succeeded. */
  afterPress(hook: PressHook): this {
    this.pressHooks.push(hook)
    return this
  }

  onFallback(handler: Handler<TextContext>): this {
    this.fallback = handler
    return this
  }
}
