import type { Kysely } from 'kysely'
import { ownBytes } from '../core/bytes.js'
import type { Keyring } from '../core/keyring.js'
import type { Database } from '../db/schema.js'
import type { EvidenceKind } from './tables.js'

// Evidence of an open LINE draft (complaint or reply), in a table of its own that the day's
// entry rewrites: the draft key and message keys of a filed complaint must not survive as
// dead row versions. The LINE message id is kept only as an HMAC, enough for unsend.

type Db = Kysely<Database>
/** A cleaned file on its way into a filing. */
export interface EvidenceFile {
  kind: EvidenceKind
  mime: string
  bytes: Uint8Array
}

/** A cleaned file, sealed before the transaction that stores it opens (why: filings.ts). */
export interface SealedFile {
  kind: EvidenceKind
  mime: string
  size_bytes: number
  content: Uint8Array
  key_id: string
}

export async function sealFile(keyring: Keyring, f: EvidenceFile): Promise<SealedFile> {
  return {
    kind: f.kind,
    mime: f.mime,
    size_bytes: f.bytes.length,
    content: await keyring.seal(ownBytes(f.bytes)),
    key_id: keyring.keyId,
  }
}

export function sealFiles(keyring: Keyring, files: readonly EvidenceFile[]): Promise<SealedFile[]> {
  return Promise.all(files.map((f) => sealFile(keyring, f)))
}

const MESSAGE_PURPOSE = 'complaint-draft-message'

export const draftMessageKey = (keyring: Keyring, messageId: string) =>
  keyring.pseudonym(MESSAGE_PURPOSE, messageId)

/** Stores a draft's file, sealed before its turn (sealFile, for the same reasons as a filing's). */
export async function addDraftFile(
  db: Db,
  keyring: Keyring,
  d: { orgId: string; draftKey: string; messageId: string; expiresAt: Date },
  file: SealedFile,
): Promise<void> {
  // A chat's events are handled one at a time (webhook inbox), so max + 1 does not race.
  const last = await db
    .selectFrom('complaint_draft_files')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('org_id', '=', d.orgId)
    .where('draft_key', '=', d.draftKey)
    .executeTakeFirst()
  await db
    .insertInto('complaint_draft_files')
    .values({
      id: crypto.randomUUID(),
      org_id: d.orgId,
      draft_key: d.draftKey,
      message_key: await draftMessageKey(keyring, d.messageId),
      seq: Number(last?.seq ?? 0) + 1,
      kind: file.kind,
      mime: file.mime,
      size_bytes: file.size_bytes,
      content: file.content,
      key_id: file.key_id,
      expires_at: d.expiresAt,
    })
    .execute()
}

/** A draft's files, sealed as stored, to be copied into its filing. */
export function listDraftFiles(db: Db, orgId: string, draftKey: string) {
  return db
    .selectFrom('complaint_draft_files')
    .select(['kind', 'mime', 'size_bytes', 'content', 'key_id'])
    .where('org_id', '=', orgId)
    .where('draft_key', '=', draftKey)
    .orderBy('seq')
    .execute()
}

/** All of a draft's files, or the one a LINE message carried (unsend). */
export async function deleteDraftFiles(db: Db, orgId: string, draftKey: string, messageKey?: string) {
  let q = db.deleteFrom('complaint_draft_files').where('org_id', '=', orgId).where('draft_key', '=', draftKey)
  if (messageKey !== undefined) q = q.where('message_key', '=', messageKey)
  await q.execute()
}

export async function purgeExpiredDraftFiles(db: Db, now: Date): Promise<number> {
  const r = await db.deleteFrom('complaint_draft_files').where('expires_at', '<=', now).executeTakeFirst()
  return Number(r.numDeletedRows)
}

/** The form callbacks every evidence-taking complainant form shares. */
export const draftFileCallbacks = {
  discard: (deps: { db: Db }, orgId: string, key: string) => deleteDraftFiles(deps.db, orgId, key),
  unsend: async (deps: { db: Db; keyring: Keyring }, orgId: string, key: string, messageId: string) =>
    deleteDraftFiles(deps.db, orgId, key, await draftMessageKey(deps.keyring, messageId)),
}
