import { localTime } from '../core/time/index.js'
import type { FormDef } from '../flows/schema-dialogues.js'
import type { HandlerRegistry, PostbackContext } from '../webhook/registry.js'
import { isCommand } from './commands.js'
import { DRAFT_ID, sameDraft } from './draft-buttons.js'
import type { FormHandlers } from './form-handlers.js'
import { type Ctx, promptFor, say, userOf } from './form-prompt.js'
import { isPaused, keepState, loadState, PARKED, PAUSED, type StoredState, sessionKey } from './sessions.js'

// Leaving a form and coming back to it (README "What staff get in LINE", forms). A command, a
// menu word or a rich-menu tap typed while a form is open is not an answer: the bot asks
// whether to leave the form for it (forms.ts). Leaving pauses the draft, which then takes no
// typed text, and does what was asked; the draft keeps the lifetime it had, so leaving never
// keeps anything longer. Opening the same form again, or a button of the draft, brings it back.

export interface OpenDraft {
  key: string
  state: StoredState
  form: FormDef
}

/** The open draft of the person behind an event, if any (1:1 only). */
export async function openDraft(ctx: Ctx): Promise<OpenDraft | null> {
  const user = userOf(ctx)
  if (!user) return null
  const key = await sessionKey(ctx.deps, ctx.orgId, user, ctx.now)
  const state = await loadState(ctx.deps, ctx.orgId, key, ctx.now)
  const form = state ? ctx.deps.flows.forms.get(state.formId) : undefined
  return state && form ? { key, state, form } : null
}

/** "10:45": when a draft is destroyed, on the agency's clock. */
const clock = (ctx: Ctx, at: Date) => localTime(at, ctx.deps.config.timeZone)

/** The placeholders every message about a draft fills. */
function draftVars(ctx: Ctx, d: { state: StoredState; form: FormDef }) {
  return {
    formTitle: d.form.title,
    formId: d.state.formId,
    draftId: d.state.answers[DRAFT_ID] ?? '',
    draftUntil: clock(ctx, d.state.expiresAt),
    draftMinutes: String(Math.max(1, Math.ceil((d.state.expiresAt.getTime() - ctx.now.getTime()) / 60_000))),
  }
}

/** The typed text as a button's data carries it; '' when it would not fit LINE's 300 (leave only). */
const asData = (text: string) => {
  const encoded = encodeURIComponent(text)
  return encoded.length <= 180 ? encoded : ''
}

/** "Leave this form for what you typed? The draft is kept N minutes." */
export async function askToLeave(ctx: Ctx, d: OpenDraft, typed: string): Promise<void> {
  const command = typed.trim()
  const vars = { ...draftVars(ctx, d), command, commandData: asData(command) }
  await ctx.responder.reply(ctx.deps.flows.render('form.leave', vars, { chat: 'user' }))
}

/** Writes the draft paused or not, with the lifetime it already had. */
export async function setPaused(ctx: Ctx, d: OpenDraft, paused: boolean): Promise<void> {
  const { [PAUSED]: _was, ...answers } = d.state.answers
  d.state = { ...d.state, answers: paused ? { ...answers, [PAUSED]: '1' } : answers }
  await keepState(ctx.deps, ctx.orgId, d.key, d.state, ctx.now, d.state.expiresAt)
}

/**
 * A button that is not of the draft open now: its form was sent, cancelled, expired or started
 * over. Nothing is done with it; the person is told, with the way on.
 */
export async function answerOldButton(
  ctx: PostbackContext,
  handlers: FormHandlers,
  open: OpenDraft | null,
): Promise<void> {
  if (open && open.state.step !== PARKED) {
    return void (await ctx.responder.reply(
      ctx.deps.flows.render('form.otherDraft', draftVars(ctx, open), { chat: 'user' }),
    ))
  }
  const formId = ctx.params.get('id') ?? ''
  const startable = ctx.deps.flows.forms.has(formId) && handlers.forms.get(formId)?.resumeOnly !== true
  if (!startable) return void (await say(ctx, 'form.expired'))
  await ctx.responder.reply(ctx.deps.flows.render('form.closed', { formId }, { chat: 'user' }))
}

/** Whether a draft holds anything the person typed or chose (presets and bookkeeping aside). */
export function hasAnswers(flowsForm: FormDef | undefined, state: StoredState): boolean {
  const presets = new Set(flowsForm?.presets ?? [])
  return Object.keys(state.answers).some((k) => !k.startsWith('_') && !presets.has(k))
}

/** The same form opened again while its draft waits: continue it, or start again. */
export async function offerResume(ctx: Ctx, d: OpenDraft): Promise<void> {
  await ctx.responder.reply(ctx.deps.flows.render('form.resumeOffer', draftVars(ctx, d), { chat: 'user' }))
}

/** Another form opened while a draft waits: one draft at a time, so say what starting costs. */
export async function offerReplace(
  ctx: Ctx,
  d: OpenDraft,
  next: { id: string; form: FormDef; presets: Record<string, string> },
): Promise<void> {
  const start = new URLSearchParams({ action: 'form', id: next.id, replace: d.state.answers[DRAFT_ID] ?? '' })
  for (const [k, v] of Object.entries(next.presets)) start.set(k, v)
  const vars = {
    ...draftVars(ctx, d),
    draftTitle: d.form.title,
    draftFormId: d.state.formId,
    formTitle: next.form.title,
    startData: start.toString(),
  }
  await ctx.responder.reply(ctx.deps.flows.render('form.replaceOffer', vars, { chat: 'user' }))
}

/** The buttons of the leave question and of the offers: leave (and do what was asked), resume. */
export function registerLeave(registry: HandlerRegistry, handlers: FormHandlers): void {
  const ofDraft = async (ctx: PostbackContext, run: (d: OpenDraft) => Promise<void>) => {
    if (!userOf(ctx)) return void (await say(ctx, 'form.onlyPrivate'))
    const d = await openDraft(ctx)
    if (!d || d.state.step === PARKED || !sameDraft(d.state, ctx.params)) {
      return answerOldButton(ctx, handlers, d)
    }
    await run(d)
  }

  registry.onPostback('form-leave', (ctx) =>
    ofDraft(ctx, async (d) => {
      await setPaused(ctx, d, true)
      const typed = ctx.params.get('t') ?? ''
      // Only what the question offered: a command the person typed, never free text.
      if (typed !== '' && ctx.retype && isCommand(ctx.deps.flows, typed, undefined)) {
        await ctx.retype(typed)
        return
      }
      await ctx.responder.reply(ctx.deps.flows.render('form.left', draftVars(ctx, d), { chat: 'user' }))
    }),
  )

  registry.onPostback('form-resume', (ctx) =>
    ofDraft(ctx, async (d) => {
      if (isPaused(d.state)) await setPaused(ctx, d, false)
      await ctx.responder.reply([promptFor(ctx, d.form, d.state)])
    }),
  )
}
