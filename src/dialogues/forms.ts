import { pick } from '../core/lang.js'
import { defineMessages } from '../core/messages.js'
import { renderEditMenu } from '../flows/render-form.js'
import type { FormDef } from '../flows/schema-dialogues.js'
import type { LineMessage } from '../line/port.js'
import type { MessageEvent } from '../webhook/events.js'
import type { EventContext, HandlerRegistry, PostbackContext, TextContext } from '../webhook/registry.js'
import { isCancel, parseAnswer } from './answers.js'
import { isCommand } from './commands.js'
import { sameDraft, stampDraft } from './draft-buttons.js'
import type { FormHandlers } from './form-handlers.js'
import { type Ctx, countOf, promptFor, say, todayOf, userOf } from './form-prompt.js'
import { answer, saveAndAsk, startForm, ttlOf } from './form-steps.js'
import { answerOldButton, askToLeave, openDraft, registerLeave, setPaused } from './leave.js'
import { dropState, type FormState, isPaused, PARKED, storeState } from './sessions.js'

export type {
  AttachHandler,
  Draft,
  FormContext,
  FormOptions,
  FormSubmit,
  NotSubmitted,
  SubmitResult,
} from './form-handlers.js'
export { FormHandlers, missingSubmits } from './form-handlers.js'

const limitWords = defineMessages({
  tooMany: ['⚠️ ส่งได้ไม่เกิน {{max}} รายการ', '⚠️ At most {{max}} items.'],
})

const FORM_ACTIONS = [
  'form',
  'form-answer',
  'form-edit-menu',
  'form-edit',
  'form-cancel',
  'form-submit',
  'form-leave',
  'form-resume',
]

/**
 * Forms in 1:1 chat: buttons (postbacks) and typed answers move a draft along; photos and
 * files answer an "attachments" question; `unsend` takes an answer back. Every button carries
 * the form, the draft (draft-buttons.ts) and the question: a button of another step only
 * re-asks the current one, a button of another draft is answered without touching this one.
 * A command typed instead of an answer asks whether to leave the form for it (leave.ts).
 */
export function registerForms(registry: HandlerRegistry, handlers: FormHandlers): void {
  const discard = async (ctx: Ctx, key: string, formId: string) => {
    await handlers.forms.get(formId)?.discard?.(ctx.deps, ctx.orgId, key)
    await dropState(ctx.deps, ctx.orgId, key)
  }

  const withDraft = async (
    ctx: PostbackContext,
    run: (key: string, form: FormDef, state: FormState) => Promise<unknown>,
  ) => {
    if (!userOf(ctx)) return void (await say(ctx, 'form.onlyPrivate'))
    const draft = await openDraft(ctx)
    // A button from a finished, cancelled, expired or replaced draft, or from another form.
    if (!draft || draft.state.step === PARKED || !sameDraft(draft.state, ctx.params)) {
      return answerOldButton(ctx, handlers, draft)
    }
    // The draft's own button after leaving it: the person is back.
    if (isPaused(draft.state)) await setPaused(ctx, draft, false)
    await run(draft.key, draft.form, draft.state)
  }

  registry.onPostback('form', (ctx) =>
    startForm(ctx, handlers, ctx.params.get('id') ?? '', ctx.params, ctx.params.get('restart') !== null),
  )

  registry.onPostback('form-answer', (ctx) =>
    withDraft(ctx, async (key, form, state) => {
      const field = form.fields[state.step]
      if (!field || field.id !== ctx.params.get('f'))
        return ctx.responder.reply([promptFor(ctx, form, state)])
      const picked = ctx.event.postback.params?.date
      const raw = typeof picked === 'string' ? picked : ctx.params.get('v')
      return answer(ctx, key, form, state, ctx.params.get('skip') ? null : (raw ?? ''), handlers)
    }),
  )

  registry.onPostback('form-edit-menu', (ctx) =>
    withDraft(ctx, async (_key, form, state) =>
      ctx.responder.reply([stampDraft(renderEditMenu(state.formId, form, state.answers, ctx.lang), state)]),
    ),
  )

  registry.onPostback('form-edit', (ctx) =>
    withDraft(ctx, async (key, form, state) => {
      const f = ctx.params.get('f') ?? ''
      if (!form.fields.some((x) => x.id === f)) return ctx.responder.reply([promptFor(ctx, form, state)])
      const { [f]: _old, ...answers } = state.answers
      return saveAndAsk(ctx, key, form, { ...state, answers }, handlers)
    }),
  )

  registry.onPostback('form-cancel', (ctx) =>
    withDraft(ctx, async (key, _form, state) => {
      await discard(ctx, key, state.formId)
      await say(ctx, 'form.cancelled')
    }),
  )

  registry.onPostback('form-submit', (ctx) =>
    withDraft(ctx, async (key, form, state) => {
      if (state.step < form.fields.length) return ctx.responder.reply([promptFor(ctx, form, state)])
      const options = handlers.forms.get(state.formId)
      if (!options) throw new Error(`form "${state.formId}" has no submit handler`)
      const result = await options.submit(ctx, state.answers, { key })
      if ('notSubmitted' in result) {
        const said: LineMessage = { type: 'text', text: pick(result.notSubmitted, ctx.lang) }
        return ctx.responder.reply([said, promptFor(ctx, form, state)])
      }
      await dropState(ctx.deps, ctx.orgId, key)
      const { reply, park } = Array.isArray(result) ? { reply: result, park: undefined } : result
      if (park) {
        const parked = { formId: park.formId, step: PARKED, answers: park.hidden }
        await storeState(ctx.deps, ctx.orgId, key, parked, ctx.now, park.ttlMs)
      }
      await ctx.responder.reply(reply)
    }),
  )

  // A form's buttons are unlinkable presses when its capability said so (complaints, anonymous
  // questions): the dispatcher then logs nothing of them.
  registry.keepPressesUnlinkable(FORM_ACTIONS, (ctx) => handlers.unlinkable.has(ctx.params.get('id') ?? ''))

  // Typed answers: only in 1:1, only while a form waits for one.
  registry.onTextClaim(async (ctx: TextContext) => {
    const draft = await openDraft(ctx)
    if (!draft || draft.state.step === PARKED) return null
    const { key, form, state } = draft
    if (isCancel(ctx.text)) {
      await discard(ctx, key, state.formId)
      await say(ctx, 'form.cancelled')
      return 'form:cancelled'
    }
    // Left for something else: typed text is no longer an answer (leave.ts).
    if (isPaused(state)) return null
    const field = form.fields[state.step]
    // What fits the question is its answer ("ไม่ได้", "15/11/2569"); otherwise a command asks
    // whether to leave, and anything else gets the question again with what was wrong.
    const fits = field !== undefined && field.type !== 'text' && parseAnswer(field, ctx.text, todayOf(ctx)).ok
    if (!fits && isCommand(ctx.deps.flows, ctx.text, field)) {
      await askToLeave(ctx, draft, ctx.text)
      return 'form:leave?'
    }
    if (!field) {
      await ctx.responder.reply([promptFor(ctx, form, state)])
      return 'form:confirm'
    }
    await answer(ctx, key, form, state, ctx.text, handlers, ctx.event.message.id)
    return 'form:answer'
  })

  const attachment = async (ctx: EventContext<MessageEvent>) => {
    const draft = await openDraft(ctx)
    if (!draft || draft.state.step === PARKED) return
    // A photo sent to a draft left for something else: the person is back to it.
    if (isPaused(draft.state)) await setPaused(ctx, draft, false)
    const { key, form, state } = draft
    const field = form.fields[state.step]
    const attach = handlers.forms.get(state.formId)?.attach
    if (field?.type !== 'attachments' || !attach) {
      // A photo where a typed answer is expected: ask the current question again.
      return void (await ctx.responder.reply([promptFor(ctx, form, state)]))
    }
    const count = countOf(state, field.id)
    if (count >= field.max) {
      const error = limitWords.both('tooMany', { max: field.max })
      return void (await ctx.responder.reply([promptFor(ctx, form, state, error)]))
    }
    const ttl = ttlOf(ctx, handlers.forms.get(state.formId))
    const expiresAt = new Date(ctx.now.getTime() + ttl)
    const r = await attach(ctx, { orgId: ctx.orgId, key, formId: state.formId, count, expiresAt })
    if (!r.ok) return void (await ctx.responder.reply([promptFor(ctx, form, state, r.error)]))
    const answers = {
      ...state.answers,
      [`_n_${field.id}`]: String(count + 1),
      [`_a_${ctx.event.message.id}`]: field.id,
    }
    const next = { ...state, answers }
    await storeState(ctx.deps, ctx.orgId, key, next, ctx.now, ttl)
    await ctx.responder.reply([promptFor(ctx, form, next)])
  }
  for (const kind of ['image', 'file', 'video', 'audio'] as const) registry.onMessage(kind, attachment)

  registerLeave(registry, handlers)

  // The user took a message back: the answer it gave is forgotten and asked again later.
  registry.onEvent('unsend', async (ctx) => {
    const draft = await openDraft(ctx)
    if (!draft) return
    const messageId = ctx.event.unsend.messageId
    const answers = { ...draft.state.answers }
    for (const [k, v] of Object.entries(draft.state.answers)) {
      if (k.startsWith('_m_') && v === messageId) {
        delete answers[k]
        delete answers[k.slice(3)]
      }
    }
    const attachedTo = answers[`_a_${messageId}`]
    if (attachedTo) {
      delete answers[`_a_${messageId}`]
      answers[`_n_${attachedTo}`] = String(Math.max(0, Number(answers[`_n_${attachedTo}`] ?? 1) - 1))
    }
    await handlers.forms.get(draft.state.formId)?.unsend?.(ctx.deps, ctx.orgId, draft.key, messageId)
    const next = { ...draft.state, answers, step: draft.state.step }
    await storeState(
      ctx.deps,
      ctx.orgId,
      draft.key,
      next,
      ctx.now,
      ttlOf(ctx, handlers.forms.get(next.formId)),
    )
  })
}

export { resumeParked, startForm } from './form-steps.js'
