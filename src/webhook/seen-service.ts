import type { Kysely } from 'kysely'
import type { Keyring } from '../core/keyring.js'
import type { Database } from '../db/schema.js'
import { seenAmong } from './seen-repository.js'

/** The key a handled 1:1 event leaves behind: nothing of the event can be read from it. */
export const seenKey = (keyring: Keyring, eventId: string) => keyring.pseudonym('inbox-seen', eventId)

/**
 * The redelivered events among `events` that were handled already (1:1 events leave no inbox
 * row). Only redeliveries are looked up: LINE sends an event again only with `isRedelivery`, so
 * the acknowledgment of every first delivery costs nothing more.
 */
export async function alreadyHandled(
  db: Kysely<Database>,
  keyring: Keyring,
  events: { webhookEventId: string; deliveryContext?: { isRedelivery?: boolean } }[],
): Promise<Set<string>> {
  const redelivered = events.filter((e) => e.deliveryContext?.isRedelivery === true)
  if (redelivered.length === 0) return new Set()
  const keyed = await Promise.all(
    redelivered.map(async (e) => ({ id: e.webhookEventId, key: await seenKey(keyring, e.webhookEventId) })),
  )
  const seen = await seenAmong(
    db,
    keyed.map((k) => k.key),
  )
  return new Set(keyed.filter((k) => seen.has(k.key)).map((k) => k.id))
}
