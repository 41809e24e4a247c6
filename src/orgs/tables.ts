import type { ColumnType, Selectable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface OrgsTable {
  slug: string
  name_th: string
  /** '' when the agency gave none: English pages then show the Thai name. */
  name_en: string
  /** The agency's own abbreviation ("สพฐ."); '' when none (migration 2026-12-08T0600). */
  short_name: ColumnType<string, string | undefined, string>
  /** Names the stored logo in its address (`/logo/<slug>?v=…`); null without a logo. */
  logo_version: ColumnType<string | null, string | null | undefined, string | null>
  /** AES-GCM sealed with the keyring (confidential class); `key_id` names the key. */
  channel_secret: Uint8Array | null
  channel_token: Uint8Array | null
  key_id: string | null
  created_at: Timestamp
}

/** Public class: the agency's logo, re-encoded on upload (orgs/logo.ts). */
export interface OrgLogosTable {
  org_id: string
  mime: 'image/png' | 'image/jpeg'
  bytes: Uint8Array
  updated_at: Timestamp
}

export interface OrgTables {
  orgs: OrgsTable
  org_logos: OrgLogosTable
}

export type OrgRow = Selectable<OrgsTable>
