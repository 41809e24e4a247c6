import { systemRandom } from '../core/receipt.js'
import { type FormHandlers, startForm } from '../dialogues/forms.js'
import { actorKey, appendEvents, placeKey } from '../engagement/events.js'
import type { Source } from '../webhook/events.js'
import type { EventContext, HandlerRegistry } from '../webhook/registry.js'
import { giftReference, readGiftInput, recordGift } from './gifts.js'
import { hasPledged } from './repository.js'

type Ctx = EventContext<{ source: Source }>
const chatOf = (ctx: Ctx) => (ctx.event.source.type === 'user' ? 'user' : 'group')
const REF = /^[A-Za-z0-9_-]{1,64}$/
const GIFT_FORM = 'nogift.report'

async function declaration(ctx: Ctx): Promise<void> {
  await appendEvents(ctx.deps.db, [
    {
      orgId: ctx.orgId,
      occurredAt: ctx.now,
      kind: 'declaration.viewed',
      chatKey: await actorKey(ctx.deps.keyring, ctx.event.source),
      placeKey: await placeKey(ctx.deps.keyring, ctx.event.source),
      refType: 'message',
      refId: 'nogift.declaration',
      measure: 'nogift',
    },
  ])
  await ctx.responder.reply(ctx.deps.flows.render('nogift.declaration', {}, { chat: chatOf(ctx) }))
}

/**
 * No Gift Policy: the declaration, the "รับทราบและร่วมปฏิบัติ" pledge (counted once per
 * person per broadcast), and the gift report form.
 */
export function registerNoGift(registry: HandlerRegistry, forms: FormHandlers): void {
  registry.onPostback('nogift-declaration', declaration)
  registry.onIntent('nogift-declaration', declaration)
  registry.onIntent('gift-report', (ctx) => startForm(ctx, forms, GIFT_FORM))

  registry.onPostback('pledge', async (ctx) => {
    const ref = ctx.params.get('ref') ?? ''
    const wanted = ctx.params.get('m') ?? ''
    const measure = ctx.deps.flows.measures.some((m) => m.id === wanted) ? wanted : 'nogift'
    const key = await actorKey(ctx.deps.keyring, ctx.event.source)
    if (!REF.test(ref) || !key) return
    // Quiet groups (README): in a group the pledge is recorded and nothing is said to everyone;
    // the member's own tap ("รับทราบและร่วมปฏิบัติ") already shows there. 1:1 gets the thank-you.
    const quiet = chatOf(ctx) === 'group'
    if (await hasPledged(ctx.deps.db, ctx.orgId, ref, key)) {
      if (quiet) return
      return void (await ctx.responder.reply(
        ctx.deps.flows.render('nogift.pledgedBefore', {}, { chat: 'user' }),
      ))
    }
    await appendEvents(ctx.deps.db, [
      {
        orgId: ctx.orgId,
        occurredAt: ctx.now,
        kind: 'pledge',
        chatKey: key,
        // The group it was pressed in, so acknowledgment counts by unit.
        placeKey: await placeKey(ctx.deps.keyring, ctx.event.source),
        refType: ref === 'topic' ? 'message' : 'broadcast',
        refId: ref,
        measure,
      },
    ])
    if (!quiet) await ctx.responder.reply(ctx.deps.flows.render('nogift.pledged', {}, { chat: 'user' }))
  })

  forms.onSubmit(GIFT_FORM, async (ctx, answers) => {
    const input = readGiftInput(answers)
    if (!input) throw new Error('gift report form completed without its answers')
    const tz = ctx.deps.config.timeZone
    const reference = giftReference(ctx.now, tz, systemRandom)
    await ctx.deps.db.transaction().execute(async (trx) => {
      await recordGift(trx, ctx.deps.keyring, ctx.orgId, input, {
        now: ctx.now,
        tz,
        reference,
        id: crypto.randomUUID(),
      })
      await appendEvents(trx, [
        {
          orgId: ctx.orgId,
          occurredAt: ctx.now,
          kind: 'gift.reported',
          chatKey: await actorKey(ctx.deps.keyring, ctx.event.source),
          refType: 'form',
          refId: GIFT_FORM,
          measure: 'nogift',
          data: { handling: input.handling },
        },
      ])
    })
    return ctx.deps.flows.render('nogift.reported', { reference }, { chat: 'user' })
  })
}
