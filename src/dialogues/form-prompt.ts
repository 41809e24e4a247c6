import type { Text } from '../core/lang.js'
import { localDay } from '../core/time/index.js'
import { renderPrompt, renderSummary } from '../flows/render-form.js'
import type { FormDef } from '../flows/schema-dialogues.js'
import type { LineMessage } from '../line/port.js'
import type { Source } from '../webhook/events.js'
import type { EventContext } from '../webhook/registry.js'
import { stampDraft } from './draft-buttons.js'
import type { FormState } from './sessions.js'

// What a form's steps and its draft handling (leave.ts) both say: who is asking, a fixed text,
// and the question a draft is at. Apart from form-steps.ts so that leave.ts need not import it.

export type Ctx = EventContext<{ source: Source }>

export const userOf = (ctx: Ctx) => (ctx.event.source.type === 'user' ? ctx.event.source.userId : null)
export const say = (ctx: Ctx, key: string) =>
  ctx.responder.reply(ctx.deps.flows.render(key, {}, { chat: 'user' }))
export const countOf = (state: FormState, fieldId: string) => Number(state.answers[`_n_${fieldId}`] ?? 0)

/** Today in the agency's time zone: the date questions' bounds. */
export const todayOf = (ctx: Ctx) => localDay(ctx.now, ctx.deps.config.timeZone)

/** The question the draft is at (or its summary), its buttons naming the draft. */
export function promptFor(ctx: Ctx, form: FormDef, state: FormState, error?: Text): LineMessage {
  if (state.step >= form.fields.length) {
    return stampDraft(renderSummary(state.formId, form, state.answers, ctx.lang), state)
  }
  const field = form.fields[state.step]
  const count = field ? countOf(state, field.id) : 0
  const prompt = renderPrompt(state.formId, form, state.step, {
    lang: ctx.lang,
    today: todayOf(ctx),
    answers: state.answers,
    count,
    ...(error ? { error } : {}),
  })
  return stampDraft(prompt, state)
}
