import type { Kysely } from 'kysely'
import type { Languages } from '../contacts/language.js'
import { fromUtf8, utf8 } from '../core/bytes.js'
import { uuidFromName } from '../core/ids.js'
import type { Keyring } from '../core/keyring.js'
import type { Database } from '../db/schema.js'
import type { Flows } from '../flows/types.js'
import { LIMITS } from '../line/limits.js'
import type { LinePort, SendResult } from '../line/port.js'
import { clearReplyTo, findQuestion, saveAnswer } from './repository.js'

export const ANSWER_MAX = 2000

export type AnswerOutcome =
  | { ok: true; code: string; delivered: SendResult | null }
  | { ok: false; reason: 'not_found' | 'empty' | 'too_long' }

/**
 * Stores an officer's answer (sealed). A named asker gets it pushed in LINE once (stable
 * retry key), and their LINE id is then forgotten; an anonymous one reads it with the code.
 */
export async function answerQuestion(
  deps: { db: Kysely<Database>; keyring: Keyring; flows: Flows; languages?: Languages },
  line: LinePort | null,
  q: { orgId: string; id: string; text: string; by: string; now: Date },
): Promise<AnswerOutcome> {
  const text = q.text.trim()
  if (text.length === 0) return { ok: false, reason: 'empty' }
  if (text.length > ANSWER_MAX) return { ok: false, reason: 'too_long' }
  const row = await findQuestion(deps.db, q.orgId, q.id)
  if (!row) return { ok: false, reason: 'not_found' }
  await saveAnswer(deps.db, q.orgId, q.id, await deps.keyring.seal(utf8(text)), q.by, q.now)
  if (!row.reply_to || !line) return { ok: true, code: row.code, delivered: null }
  const to = fromUtf8(await deps.keyring.open(row.key_id, row.reply_to))
  // In the asker's language (the one they chose, or their LINE app's).
  const lang = deps.languages ? await deps.languages.ofPerson(q.orgId, to, line) : undefined
  const messages = deps.flows.render(
    'questions.answer',
    { code: row.code, answer: text.slice(0, LIMITS.textUtf16 - 200) },
    lang ? { lang } : {},
  )
  const delivered = await line.push(to, messages, {
    retryKey: await uuidFromName(`question-answer:${row.id}`),
  })
  if (delivered.kind === 'accepted') await clearReplyTo(deps.db, row.id)
  return { ok: true, code: row.code, delivered }
}
