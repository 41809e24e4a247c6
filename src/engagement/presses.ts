import type { Flows } from '../flows/types.js'
import type { HandlerRegistry, PostbackContext, Unlinkable } from '../webhook/registry.js'
import { actorKey, appendEvents, type EngagementEvent, placeKey } from './events.js'

// Every postback the bot handles becomes one 'postback.pressed' event, written here for all
// handlers (registerPresses makes recordPress a press hook, which the dispatcher runs after the
// handler succeeded, so a retried event whose handler failed is counted once). It sits beside
// what a handler logs specifically:
// a pledge press gives both 'postback.pressed' (a button was pressed) and 'pledge' (a person
// acknowledged, once per broadcast) — different facts, so reports must not add them up.
//
// Only the handler's action name and the flows item it names are kept, never the raw data:
// postback data can carry case codes, scores or answers.

/** Where flows items live, by the action that names them with `id=`. */
const ITEMS: Record<string, (f: Flows) => ReadonlyMap<string, { measure: string }>> = {
  guide: (f) => f.guides,
  quiz: (f) => f.quizzes,
}
const itemsFor = (action: string) => (action.startsWith('form') ? (f: Flows) => f.forms : ITEMS[action])

export interface Press {
  intent: string
  /** The guide, quiz or form the press was about, when it names one that exists. */
  item: string | null
  measure: string | null
}

/** Pure: the measure comes from the item, else the data's `m=` (a pledge), else the intent of that name. */
export function describePress(flows: Flows, action: string, params: URLSearchParams): Press {
  const id = params.get('id')
  const items = itemsFor(action)?.(flows)
  const found = id !== null ? items?.get(id) : undefined
  const m = params.get('m')
  const named = m !== null && flows.measures.some((x) => x.id === m) ? m : undefined
  const intent = flows.intents.find((i) => i.id === action)?.measure
  return {
    intent: action,
    item: found && id !== null ? id : null,
    measure: found?.measure ?? named ?? intent ?? null,
  }
}

export const isUnlinkable = (u: Unlinkable | undefined, ctx: PostbackContext): boolean =>
  typeof u === 'function' ? u(ctx) : u === true

/**
 * Records the press, unless the handler declared it unlinkable. Those are recorded not at all,
 * rather than keyless with the day only: events get serial ids, so even a keyless row sits
 * between the keyed rows of the same minute and its neighbours point at the person.
 * The complaint and question counts come from their own day-truncated events instead.
 */
export async function recordPress(ctx: PostbackContext, unlinkable: Unlinkable | undefined) {
  if (isUnlinkable(unlinkable, ctx)) return
  const { keyring, flows, db } = ctx.deps
  const press = describePress(flows, ctx.action, ctx.params)
  const event: EngagementEvent = {
    orgId: ctx.orgId,
    occurredAt: ctx.now,
    kind: 'postback.pressed',
    chatKey: await actorKey(keyring, ctx.event.source),
    placeKey: await placeKey(keyring, ctx.event.source),
    refType: 'postback',
    refId: press.intent,
    measure: press.measure,
    data: press.item ? { item: press.item } : {},
  }
  await appendEvents(db, [event])
}

/** Every press the bot handles is logged through this one hook (src/services.ts registers it). */
export function registerPresses(registry: HandlerRegistry): void {
  registry.afterPress(recordPress)
}
