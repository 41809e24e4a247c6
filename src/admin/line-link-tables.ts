import type { ColumnType, Selectable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

/** A one-time code the console showed an admin; only its HMAC is kept (see line-link.ts). */
export interface AdminLineLinkCodesTable {
  org_id: string
  code_hash: string
  account_id: string
  created_at: Timestamp
  expires_at: Timestamp
}

/** Contact class: the admin's own LINE user id, sealed with the keyring; `key_id` names the key. */
export interface AdminLineLinksTable {
  account_id: string
  org_id: string
  line_user: Uint8Array
  key_id: string
  linked_at: Timestamp
}

export interface AdminLineLinkTables {
  admin_line_link_codes: AdminLineLinkCodesTable
  admin_line_links: AdminLineLinksTable
}

export type LineLinkRow = Selectable<AdminLineLinksTable>
