import type { Text } from '../core/lang.js'
import type { LineMessage } from '../line/port.js'
import type { MessageEvent, PostbackEvent } from '../webhook/events.js'
import type { EventContext, HandlerDeps } from '../webhook/registry.js'

export type FormContext = EventContext<PostbackEvent>

/**
 * What a capability does with a completed form (store a gift report, file a complaint). It
 * runs before the draft is destroyed; if it throws, the inbox retries the whole event and the
 * draft is still there. Returns the reply.
 */
export type FormSubmit = (
  ctx: FormContext,
  answers: Readonly<Record<string, string>>,
  draft: { key: string },
) => Promise<LineMessage[] | SubmitResult | NotSubmitted>

/**
 * A reply, and optionally a form to keep ready (parked) for this person: e.g. after a
 * complaint's code and secret were checked, "reply" needs the case without asking again.
 * A parked form takes no typed text until a button resumes it.
 */
export interface SubmitResult {
  reply: LineMessage[]
  park?: { formId: string; hidden: Record<string, string>; ttlMs: number }
}

/**
 * The form could not be submitted now (e.g. the evidence writes' queue is full): the draft stays
 * as it is, and the person gets `notSubmitted`, then the summary with its submit button again.
 */
export interface NotSubmitted {
  notSubmitted: Text
}

export interface Draft {
  orgId: string
  /** The draft's session key (daily-rotating HMAC); never stored with what gets filed. */
  key: string
  formId: string
  /** Attachments accepted so far for the open question. */
  count: number
  expiresAt: Date
}

/** Receives a photo or file sent while an "attachments" question is open. */
export type AttachHandler = (
  ctx: EventContext<MessageEvent>,
  draft: Draft,
) => Promise<{ ok: true } | { ok: false; error: Text }>

export interface FormOptions {
  submit: FormSubmit
  /** Replaces the form's intro (e.g. to state deadlines from the configuration). */
  intro?: (ctx: EventContext<unknown>) => LineMessage[]
  /** How long a draft of this form lives. */
  ttlMs?: (deps: HandlerDeps) => number
  attach?: AttachHandler
  /** Destroys what the capability stored for a draft: on cancel, expiry or a new start. */
  discard?: (deps: HandlerDeps, orgId: string, draftKey: string) => Promise<void>
  /**
   * Opened only by resumeParked (e.g. a complaint reply, after the code and secret were checked),
   * never by a "form" button: one made up on a phone would open it without what it needs.
   */
  resumeOnly?: boolean
  /** Removes what came from one message the user took back (`unsend`). */
  unsend?: (deps: HandlerDeps, orgId: string, draftKey: string, messageId: string) => Promise<void>
}

export class FormHandlers {
  readonly forms = new Map<string, FormOptions>()
  /**
   * Forms filled by someone who must stay unlinkable (a complainant, an anonymous asker):
   * presses on their buttons leave no engagement event (engagement/presses.ts).
   */
  readonly unlinkable = new Set<string>()
  keepUnlinkable(...formIds: string[]): this {
    for (const id of formIds) this.unlinkable.add(id)
    return this
  }
  onSubmit(formId: string, submit: FormSubmit): this {
    return this.configure(formId, { submit })
  }
  configure(formId: string, options: FormOptions): this {
    if (this.forms.has(formId)) throw new Error(`form "${formId}" already has a submit handler`)
    this.forms.set(formId, options)
    return this
  }
}

/** Checks at start-up that every form in flows/ has code to receive it. */
export function missingSubmits(formIds: Iterable<string>, handlers: FormHandlers): string[] {
  return [...formIds].filter((id) => !handlers.forms.has(id))
}
