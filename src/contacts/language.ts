import type { Kysely } from 'kysely'
import type { Keyring } from '../core/keyring.js'
import { DEFAULT_LANG, type Lang, langOfProfile } from '../core/lang.js'
import { errorFields, type Logger } from '../core/logger.js'
import type { Database } from '../db/schema.js'
import type { LinePort } from '../line/port.js'
import type { Source } from '../webhook/events.js'
import { friendKey } from './keys.js'
import { findLanguage, saveLanguage } from './language-repository.js'

/** How long an answer may wait on LINE for a profile before it goes out in the default. */
const PROFILE_TIMEOUT_MS = 2_000
/** People whose profile was asked in this process (its language, or the default after a failure). */
const CACHE_MAX = 10_000

/**
 * Which language each person is answered in: the one they chose ("English" / "ภาษาไทย"), else
 * the language of their LINE app, else Thai; groups always get the organization's default.
 *
 * A choice is stored at once (an action of its own, like a view). LINE's profile is asked at
 * most once per person: at the follow, where it is stored with the friend row written then;
 * for a friend from before, on their first message, remembered by this process only. It is not
 * stored then, because that message may be a complaint, and a complaint intake writes nothing
 * shared (README "Complaints: who can learn what"). Rows hold an HMAC and no time.
 */
export interface Languages {
  /** The language to answer an event's chat in. */
  forChat(orgId: string, source: Source | undefined, line: LinePort | null): Promise<Lang>
  /** One person's language, e.g. for an answer pushed to them; without `line` LINE is not asked. */
  ofPerson(orgId: string, userId: string, line: LinePort | null): Promise<Lang>
  /** The person's own choice, kept until they choose again. */
  choose(orgId: string, userId: string, lang: Lang): Promise<void>
  /** At a follow: keeps what LINE reports, unless a language is known already. */
  followed(orgId: string, userId: string, line: LinePort): Promise<void>
}

export function createLanguages(deps: { db: Kysely<Database>; keyring: Keyring; log: Logger }): Languages {
  const { db, keyring, log } = deps
  /** key → the profile's language, or null when LINE did not answer (the default is used). */
  const asked = new Map<string, Lang | null>()

  const remember = (key: string, lang: Lang | null) => {
    if (asked.size >= CACHE_MAX) {
      const oldest = asked.keys().next()
      if (!oldest.done) asked.delete(oldest.value)
    }
    asked.set(key, lang)
  }

  /** LINE's answer, once per person and process; a failure or a slow answer is the default. */
  const profileLang = async (cacheKey: string, userId: string, line: LinePort): Promise<Lang | null> => {
    if (asked.has(cacheKey)) return asked.get(cacheKey) ?? null
    let timer: ReturnType<typeof setTimeout> | undefined
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), PROFILE_TIMEOUT_MS)
    })
    let lang: Lang | null = null
    try {
      const profile = await Promise.race([line.getProfile(userId), late])
      if (profile === 'late') log.warn('language.profile_late', { timeoutMs: PROFILE_TIMEOUT_MS })
      else lang = langOfProfile(profile?.language)
    } catch (err) {
      log.warn('language.profile_failed', errorFields(err))
    } finally {
      clearTimeout(timer)
    }
    remember(cacheKey, lang)
    return lang
  }

  const ofPerson = async (orgId: string, userId: string, line: LinePort | null): Promise<Lang> => {
    const key = await friendKey(keyring, userId)
    const stored = await findLanguage(db, orgId, key)
    if (stored) return stored.lang
    if (!line) return asked.get(`${orgId}\u0000${key}`) ?? DEFAULT_LANG
    return (await profileLang(`${orgId}\u0000${key}`, userId, line)) ?? DEFAULT_LANG
  }

  return {
    forChat: (orgId, source, line) =>
      source?.type === 'user' ? ofPerson(orgId, source.userId, line) : Promise.resolve(DEFAULT_LANG),
    ofPerson,
    async choose(orgId, userId, lang) {
      await saveLanguage(db, orgId, await friendKey(keyring, userId), lang, true)
    },
    async followed(orgId, userId, line) {
      const key = await friendKey(keyring, userId)
      if (await findLanguage(db, orgId, key)) return
      const lang = await profileLang(`${orgId}\u0000${key}`, userId, line)
      if (lang) await saveLanguage(db, orgId, key, lang, false)
    },
  }
}
