import { systemRandom } from '../core/receipt.js'
import { formatDateTimeEn, formatThaiDateTime } from '../core/time/index.js'
import { type FormHandlers, startForm } from '../dialogues/forms.js'
import { appendEvents } from '../engagement/events.js'
import type { HandlerRegistry } from '../webhook/registry.js'
import { followUp, submitQuestion } from './service.js'

const ASK_FORM = 'budget.ask'
const FOLLOW_UP_FORM = 'questions.followup'
const random = systemRandom

/** Midnight of the day, so the event log carries no time finer than the question itself. */
const dayOf = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))

/**
 * "สอบถาม" / "ทักท้วง" on the budget summary: a short question or concern to the budget
 * officers, named (the answer comes back in LINE) or anonymous (a code and a secret to read
 * the answer, and nothing kept that points at the asker).
 */
export function registerQuestions(registry: HandlerRegistry, forms: FormHandlers): void {
  registry.onPostback('budget-ask', (ctx) => startForm(ctx, forms, ASK_FORM, ctx.params))
  registry.onIntent('budget-ask', (ctx) =>
    startForm(ctx, forms, ASK_FORM, new URLSearchParams({ kind: 'ask' })),
  )
  registry.onIntent('budget-concern', (ctx) =>
    startForm(ctx, forms, ASK_FORM, new URLSearchParams({ kind: 'concern' })),
  )
  registry.onIntent('question-followup', (ctx) => startForm(ctx, forms, FOLLOW_UP_FORM))
  registry.onPostback('question-followup', (ctx) => startForm(ctx, forms, FOLLOW_UP_FORM))
  // An asker may choose anonymity after pressing: none of their presses is logged (engagement/presses.ts).
  registry.keepPressesUnlinkable(['budget-ask', 'question-followup'])

  forms.onSubmit(ASK_FORM, async (ctx, a) => {
    const kind = a.kind === 'concern' ? 'concern' : 'ask'
    const identity = a.identity === 'named' ? 'named' : 'anonymous'
    const userId = ctx.event.source.type === 'user' ? ctx.event.source.userId : null
    const receipt = await ctx.deps.db.transaction().execute(async (trx) => {
      const r = await submitQuestion(
        trx,
        ctx.deps.keyring,
        {
          orgId: ctx.orgId,
          topic: 'budget',
          kind,
          identity,
          text: a.question ?? '',
          name: identity === 'named' ? (a.name ?? null) : null,
          replyTo: identity === 'named' ? userId : null,
        },
        { now: ctx.now, tz: ctx.deps.config.timeZone, random },
      )
      // Counted, never keyed: not even a pseudonym ties a question to a person.
      await appendEvents(trx, [
        {
          orgId: ctx.orgId,
          occurredAt: dayOf(ctx.now),
          kind: 'question.asked',
          chatKey: null,
          measure: 'budget',
          data: { kind },
        },
      ])
      return r
    })
    return receipt.secret
      ? ctx.deps.flows.render('questions.received.anonymous', { code: receipt.code, secret: receipt.secret })
      : ctx.deps.flows.render('questions.received.named', { code: receipt.code })
  })

  forms.onSubmit(FOLLOW_UP_FORM, async (ctx, a) => {
    const r = await followUp(ctx.deps.db, ctx.deps.keyring, ctx.orgId, a.code ?? '', a.secret ?? '', ctx.now)
    const render = ctx.deps.flows.render
    switch (r.kind) {
      case 'not_found':
      case 'wrong':
        return render('questions.followup.wrong')
      case 'locked':
        // Each language its own clock: "10:15 น." in Thai, "10:15" in English.
        return render('questions.followup.locked', {
          until: {
            th: formatThaiDateTime(r.until, ctx.deps.config.timeZone),
            en: formatDateTimeEn(r.until, ctx.deps.config.timeZone),
          },
        })
      case 'ok':
        return r.answer === null
          ? render('questions.followup.open')
          : render('questions.followup.answered', { answer: r.answer })
    }
  })
  forms.keepUnlinkable(ASK_FORM, FOLLOW_UP_FORM)
}
