import type { Kysely } from 'kysely'
import { utf8 } from '../core/bytes.js'
import type { Keyring } from '../core/keyring.js'
import type { Database, NewInboxRow } from '../db/schema.js'
import { releaseSendingAnswers } from './answers-repository.js'
import { type BaseEvent, chatIdOf, type Envelope, type KnownEventType } from './events.js'
import { dropPendingMessage, insertEvents, releaseClaimedEvents } from './inbox-repository.js'
import type { InboxWriter } from './inbox-writer.js'
import { alreadyHandled } from './seen-service.js'

export interface IngestResult {
  received: number
  stored: number
  duplicates: number
}

function messageIdOf(event: BaseEvent): string | null {
  const message = (event as { message?: { id?: unknown } }).message
  return typeof message?.id === 'string' ? message.id : null
}

function unsentIdOf(event: BaseEvent): string | null {
  const unsend = (event as { unsend?: { messageId?: unknown } }).unsend
  return typeof unsend?.messageId === 'string' ? unsend.messageId : null
}

async function toRow(
  now: Date,
  keyring: Keyring,
  orgId: string,
  event: BaseEvent,
  known: KnownEventType | undefined,
): Promise<NewInboxRow> {
  const chatId = chatIdOf(event.source)
  const row: NewInboxRow = {
    event_id: event.webhookEventId,
    org_id: orgId,
    event_type: event.type,
    mode: event.mode,
    chat_key: chatId ? await keyring.pseudonym('chat', chatId) : null,
    message_id: null,
    event_ts: new Date(event.timestamp),
    status: 'pending',
    // The app's clock, not the database's now(): due times and the worker's claims must agree.
    received_at: now,
    next_attempt_at: now,
    payload: null,
    key_id: null,
    outcome: null,
  }
  if (!known) {
    // Kept so a redelivery is recognised, ignored because nothing handles it.
    return { ...row, chat_key: null, event_ts: null, status: 'ignored', outcome: `unknown event type` }
  }
  return {
    ...row,
    message_id: messageIdOf(event),
    payload: await keyring.seal(utf8(JSON.stringify(event))),
    key_id: keyring.keyId,
  }
}

/**
 * The durable half of the webhook: every event is stored (payload encrypted) before LINE gets
 * its 200. Returns counts only; the route answers as soon as this resolves.
 */
export async function ingestEnvelope(
  db: Kysely<Database>,
  write: InboxWriter,
  keyring: Keyring,
  orgId: string,
  envelope: Envelope,
  known: Map<number, KnownEventType>,
  now: Date,
): Promise<IngestResult> {
  // A redelivered 1:1 event already handled has no row left to collide with: skipped here.
  const handled = await alreadyHandled(db, keyring, envelope.events)
  const fresh = envelope.events.map((e, i) => ({ e, i })).filter(({ e }) => !handled.has(e.webhookEventId))
  const rows = await Promise.all(fresh.map(({ e, i }) => toRow(now, keyring, orgId, e, known.get(i))))
  const unsent = envelope.events
    .filter((e) => e.type === 'unsend')
    .map(unsentIdOf)
    .filter((id): id is string => id !== null)
  let stored: string[]
  if (unsent.length === 0) {
    const ids = await write(rows)
    stored = rows.filter((r) => ids.has(r.event_id)).map((r) => r.event_id)
  } else {
    // An unsent message must not be handled later: drop its stored payload with the insert.
    stored = await db.transaction().execute(async (trx) => {
      const ids = await insertEvents(trx, rows)
      for (const messageId of unsent) await dropPendingMessage(trx, orgId, messageId)
      return ids
    })
  }
  const received = envelope.events.length
  return { received, stored: stored.length, duplicates: received - stored.length }
}

/**
 * At the start of a process that holds its database alone (PGlite: one process at a time), what
 * the previous process had claimed is due again at once: its events and its answers under way.
 * Leases exist for several instances on one PostgreSQL, where a claim's owner may be alive; here
 * waiting them out (60 s) would let reply tokens (50 s) expire, and an answer whose reply may
 * have gone out could then only be dropped, never tried again.
 */
export async function releaseAbandonedWork(
  db: Kysely<Database>,
  now: Date,
): Promise<{ events: number; answers: number }> {
  return db.transaction().execute(async (trx) => ({
    events: await releaseClaimedEvents(trx, now),
    answers: await releaseSendingAnswers(trx, now),
  }))
}
