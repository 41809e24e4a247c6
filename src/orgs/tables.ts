import type { ColumnType, Selectable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface OrgsTable {
  slug: string
  name_th: string
  name_en: string
  /** AES-GCM sealed with the keyring (confidential class); `key_id` names the key. */
  channel_secret: Uint8Array | null
  channel_token: Uint8Array | null
  key_id: string | null
  created_at: Timestamp
}

export interface OrgTables {
  orgs: OrgsTable
}

export type OrgRow = Selectable<OrgsTable>
