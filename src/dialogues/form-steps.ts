import { pick } from '../core/lang.js'
import { applies } from '../flows/render-form.js'
import type { FormDef } from '../flows/schema-dialogues.js'
import type { LineMessage } from '../line/port.js'
import { parseAnswer } from './answers.js'
import { DRAFT_ID, newDraftId } from './draft-buttons.js'
import type { FormHandlers, FormOptions } from './form-handlers.js'
import { type Ctx, countOf, promptFor, say, todayOf, userOf } from './form-prompt.js'
import { hasAnswers, offerReplace, offerResume } from './leave.js'
import { type FormState, loadState, PARKED, SESSION_TTL_MS, sessionKey, storeState } from './sessions.js'

// The steps of a form: ask, check an answer, move on, go back to a question, start over.

export const ttlOf = (ctx: Ctx, options: FormOptions | undefined) =>
  options?.ttlMs?.(ctx.deps) ?? SESSION_TTL_MS

/**
 * The first question still to ask: unanswered, and asked given the answers so far. Always from
 * the top, so an edit that changes an earlier answer brings up the questions it now needs.
 */
export function advance(form: FormDef, state: FormState): FormState {
  const answers = { ...state.answers }
  // An answer whose condition no longer holds (named → anonymous) is dropped, not kept hidden.
  for (const f of form.fields) if (!applies(f, answers)) delete answers[f.id]
  const step = form.fields.findIndex((f) => answers[f.id] === undefined && applies(f, answers))
  return { ...state, answers, step: step < 0 ? form.fields.length : step }
}

export async function saveAndAsk(
  ctx: Ctx,
  key: string,
  form: FormDef,
  state: FormState,
  handlers: FormHandlers,
) {
  const next = advance(form, state)
  await storeState(ctx.deps, ctx.orgId, key, next, ctx.now, ttlOf(ctx, handlers.forms.get(next.formId)))
  return ctx.responder.reply([promptFor(ctx, form, next)])
}

/** Checks an answer to the current question; `messageId` is kept so `unsend` can take it back. */
export async function answer(
  ctx: Ctx,
  key: string,
  form: FormDef,
  state: FormState,
  raw: string | null,
  handlers: FormHandlers,
  messageId?: string,
) {
  const field = form.fields[state.step]
  if (!field) return ctx.responder.reply([promptFor(ctx, form, state)])
  const optional = field.type === 'text' && field.optional
  const parsed =
    raw === null && optional ? { ok: true as const, value: '' } : parseAnswer(field, raw ?? '', todayOf(ctx))
  if (!parsed.ok) return ctx.responder.reply([promptFor(ctx, form, state, parsed.error)])
  const value = field.type === 'attachments' ? String(countOf(state, field.id)) : parsed.value
  const answers = { ...state.answers, [field.id]: value }
  if (messageId) answers[`_m_${field.id}`] = messageId
  return saveAndAsk(ctx, key, form, { ...state, answers }, handlers)
}

/**
 * Opens a form for the person (1:1 only). `params` may carry the form's presets (e.g. which
 * button opened it); a restart keeps the presets of the draft it replaces.
 */
export async function startForm(
  ctx: Ctx,
  handlers: FormHandlers,
  id: string,
  params: { get(name: string): string | null } = new URLSearchParams(),
  restart = false,
): Promise<void> {
  const form = ctx.deps.flows.forms.get(id)
  const options = handlers.forms.get(id)
  if (!form || options?.resumeOnly) return void (await say(ctx, 'form.expired'))
  const user = userOf(ctx)
  if (!user) return void (await say(ctx, 'form.onlyPrivate'))
  const key = await sessionKey(ctx.deps, ctx.orgId, user, ctx.now)
  const before = await loadState(ctx.deps, ctx.orgId, key, ctx.now)
  const presets: Record<string, string> = {}
  for (const name of form.presets) {
    const v = (restart && before?.formId === id ? before.answers[name] : undefined) ?? params.get(name)
    if (v && /^[a-z0-9_-]{1,30}$/.test(v)) presets[name] = v
  }
  const beforeForm = before ? ctx.deps.flows.forms.get(before.formId) : undefined
  if (before && beforeForm && before.step !== PARKED && hasAnswers(beforeForm, before)) {
    // A draft with answers is never dropped by a button that was not made for it (an old
    // "start over", the menu opening the form again): the person chooses (leave.ts).
    const draft = before.answers[DRAFT_ID] ?? ''
    const open = { key, state: before, form: beforeForm }
    if (before.formId === id && !(restart && (params.get('d') ?? '') === draft)) return offerResume(ctx, open)
    if (before.formId !== id && params.get('replace') !== draft) {
      return offerReplace(ctx, open, { id, form, presets })
    }
  }
  // Whatever an earlier draft left (its evidence) goes with it: one draft per person.
  if (before) await handlers.forms.get(before.formId)?.discard?.(ctx.deps, ctx.orgId, key)
  const state = advance(form, { formId: id, step: 0, answers: { ...presets, [DRAFT_ID]: newDraftId() } })
  await storeState(ctx.deps, ctx.orgId, key, state, ctx.now, ttlOf(ctx, options))
  const intro: LineMessage[] = options?.intro?.(ctx) ?? [
    { type: 'text', text: pick(form.intro, ctx.lang) } as unknown as LineMessage,
  ]
  await ctx.responder.reply(restart ? [promptFor(ctx, form, state)] : [...intro, promptFor(ctx, form, state)])
}

/**
 * Resumes the form parked for this person (see SubmitResult.park) with the button's presets;
 * without one (expired, another person, never parked) the form is not opened.
 */
export async function resumeParked(
  ctx: Ctx,
  handlers: FormHandlers,
  formId: string,
  params: { get(name: string): string | null } = new URLSearchParams(),
): Promise<void> {
  const form = ctx.deps.flows.forms.get(formId)
  const user = userOf(ctx)
  if (!user) return void (await say(ctx, 'form.onlyPrivate'))
  const key = await sessionKey(ctx.deps, ctx.orgId, user, ctx.now)
  const parked = await loadState(ctx.deps, ctx.orgId, key, ctx.now)
  if (!form || !parked || parked.formId !== formId || parked.step !== PARKED) {
    return void (await say(ctx, 'form.expired'))
  }
  const hidden = Object.fromEntries(Object.entries(parked.answers).filter(([k]) => k.startsWith('_')))
  const presets: Record<string, string> = {}
  for (const name of form.presets) {
    const v = params.get(name)
    if (v && /^[a-z0-9_-]{1,30}$/.test(v)) presets[name] = v
  }
  const state = advance(form, {
    formId,
    step: 0,
    answers: { ...hidden, ...presets, [DRAFT_ID]: newDraftId() },
  })
  await storeState(ctx.deps, ctx.orgId, key, state, ctx.now, ttlOf(ctx, handlers.forms.get(formId)))
  await ctx.responder.reply([
    { type: 'text', text: pick(form.intro, ctx.lang) } as unknown as LineMessage,
    promptFor(ctx, form, state),
  ])
}
