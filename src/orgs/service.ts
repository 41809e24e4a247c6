import type { Kysely } from 'kysely'
import { fromUtf8, utf8 } from '../core/bytes.js'
import type { Keyring } from '../core/keyring.js'
import type { Database } from '../db/schema.js'
import { findOrg, insertOrg, updateOrgChannel } from './repository.js'
import type { OrgRow } from './tables.js'

export interface Org {
  slug: string
  nameTh: string
  /** '' when none was given: see `orgName`. */
  nameEn: string
  /** The agency's abbreviation, '' when none. */
  shortName: string
  /** Names the logo in its address; null when the agency has none (orgs/logo.ts). */
  logoVersion: string | null
  /** Whether the organization has its own LINE channel stored (the default uses the environment's). */
  hasChannel: boolean
  createdAt: Date
}

export interface OrgChannelSecrets {
  channelSecret: string
  accessToken: string
}

/**
 * a-z, 0-9 and -, up to 40 characters. Not "follow": `/report/follow` is the default
 * organization's follow-up, so an organization of that name could never reach its own form.
 */
export const SLUG = /^(?!follow$)[a-z0-9-]{1,40}$/

export function toOrg(row: OrgRow): Org {
  return {
    slug: row.slug,
    nameTh: row.name_th,
    nameEn: row.name_en,
    shortName: row.short_name,
    logoVersion: row.logo_version,
    hasChannel: row.channel_secret !== null && row.channel_token !== null,
    createdAt: row.created_at,
  }
}

export async function getOrg(db: Kysely<Database>, slug: string): Promise<Org | null> {
  const row = await findOrg(db, slug)
  return row ? toOrg(row) : null
}

async function seal(keyring: Keyring, s: OrgChannelSecrets) {
  return {
    channel_secret: await keyring.seal(utf8(s.channelSecret)),
    channel_token: await keyring.seal(utf8(s.accessToken)),
    key_id: keyring.keyId,
  }
}

/** Adds an agency; its LINE credentials are stored sealed (confidential class). */
export async function createOrg(
  db: Kysely<Database>,
  keyring: Keyring,
  input: { slug: string; nameTh: string; nameEn: string; channel?: OrgChannelSecrets },
): Promise<{ ok: true } | { ok: false; reason: 'invalid_slug' | 'exists' }> {
  if (!SLUG.test(input.slug)) return { ok: false, reason: 'invalid_slug' }
  if (await findOrg(db, input.slug)) return { ok: false, reason: 'exists' }
  const sealed = input.channel ? await seal(keyring, input.channel) : {}
  await insertOrg(db, { slug: input.slug, name_th: input.nameTh, name_en: input.nameEn, ...sealed })
  return { ok: true }
}

export async function setOrgChannel(
  db: Kysely<Database>,
  keyring: Keyring,
  slug: string,
  channel: OrgChannelSecrets,
): Promise<void> {
  await updateOrgChannel(db, slug, await seal(keyring, channel))
}

/** The decrypted credentials, or null when the organization has none of its own. */
export async function openOrgChannel(keyring: Keyring, row: OrgRow): Promise<OrgChannelSecrets | null> {
  if (!row.channel_secret || !row.channel_token || !row.key_id) return null
  return {
    channelSecret: fromUtf8(await keyring.open(row.key_id, row.channel_secret)),
    accessToken: fromUtf8(await keyring.open(row.key_id, row.channel_token)),
  }
}
