import { fiscalYearOf } from '../core/time/index.js'
import { actorKey, appendEvents, placeKey } from '../engagement/events.js'
import { chatIdOf } from '../webhook/events.js'
import type { Handler, HandlerRegistry, TextContext } from '../webhook/registry.js'
import { labelsOfChat } from './repository.js'
import { currentCard } from './service.js'

// "งบประมาณ" / "budget": the current summary. In a group labelled with a unit that is in the
// data, the unit's own card (with the agency-wide line); elsewhere the agency's.

const showBudget: Handler<TextContext> = async (ctx) => {
  const { db, flows, keyring } = ctx.deps
  const source = ctx.event.source
  const chat = source.type === 'user' ? 'user' : 'group'
  const chatId = chatIdOf(source)
  const labels = chat === 'group' && chatId ? await labelsOfChat(db, ctx.orgId, chatId) : []
  const card = await currentCard(db, flows, ctx.orgId, {
    fiscalYear: fiscalYearOf(ctx.now, ctx.deps.config.timeZone),
    labels,
  })
  if (!card) {
    await ctx.responder.reply(flows.render('budget.empty', {}, { chat }))
    return
  }
  await ctx.responder.reply(card.messages)
  // Evidence that the measure reached someone: keyed by the person who asked (as guides and
  // pledges are), so reach counts people, and placed in the group it was asked in.
  // Pseudonymous: HMACs, never the ids.
  await appendEvents(db, [
    {
      orgId: ctx.orgId,
      occurredAt: ctx.now,
      kind: 'budget.viewed',
      chatKey: await actorKey(keyring, source),
      placeKey: await placeKey(keyring, source),
      refType: 'budget_version',
      refId: card.version.id,
      measure: 'budget',
      data: { scope: card.summary.scope.kind, chat, fiscalYear: card.version.fiscalYear },
    },
  ])
}

/** Registered before the conversation module, so the "being prepared" placeholder steps aside. */
export function registerBudget(registry: HandlerRegistry): void {
  registry.onIntent('budget', showBudget)
}
