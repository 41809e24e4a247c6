import type { Kysely } from 'kysely'
import type { Lang } from '../core/lang.js'
import type { Database } from '../db/schema.js'

type Db = Kysely<Database>

export function findLanguage(db: Db, orgId: string, userKey: string) {
  return db
    .selectFrom('contact_languages')
    .select(['lang', 'chosen'])
    .where('org_id', '=', orgId)
    .where('user_key', '=', userKey)
    .executeTakeFirst()
}

/** Keeps a language; one LINE reported never replaces one the person chose. */
export async function saveLanguage(db: Db, orgId: string, userKey: string, lang: Lang, chosen: boolean) {
  await db
    .insertInto('contact_languages')
    .values({ org_id: orgId, user_key: userKey, lang, chosen })
    .onConflict((oc) =>
      oc
        .columns(['org_id', 'user_key'])
        .doUpdateSet({ lang, chosen })
        .where((eb) => eb.or([eb.val(chosen), eb('contact_languages.chosen', '=', false)])),
    )
    .execute()
}
