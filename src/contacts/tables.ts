import type { Lang } from '../core/lang.js'

/**
 * A person's language (migration 2026-12-08T0900), keyed like `line_friends`: `user_key` is the
 * friend key (contacts/keys.ts), an HMAC, never the LINE id; no time is kept.
 */
export interface ContactLanguagesTable {
  org_id: string
  user_key: string
  lang: Lang
  /** Chosen by the person ("English" / "ภาษาไทย"); false when read from their LINE profile. */
  chosen: boolean
}

export interface ContactTables {
  contact_languages: ContactLanguagesTable
}

// These tables in kysely's Database (db/schema.ts: declaration merging).
declare module '../db/schema.js' {
  interface Database extends ContactTables {}
}
