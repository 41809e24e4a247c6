import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'

type Db = Kysely<Database>

export const QUIZ_ANSWERED = 'quiz.answered'

/**
 * The first answer of each question of one person's quiz round, read from the engagement log
 * (the record of the answers: append-only, so a later tap cannot rewrite an earlier one).
 * The round started at `since`; the (org_id, occurred_at) index keeps the lookup to its day.
 */
export async function firstAnswers(
  db: Db,
  q: { orgId: string; chatKey: string; quizId: string; round: string; since: Date },
): Promise<Map<number, boolean>> {
  const rows = await db
    .selectFrom('engagement_events')
    .select(['data'])
    .where('org_id', '=', q.orgId)
    .where('occurred_at', '>=', q.since)
    .where('kind', '=', QUIZ_ANSWERED)
    .where('ref_type', '=', 'quiz')
    .where('ref_id', '=', q.quizId)
    .where('chat_key', '=', q.chatKey)
    .where(sql<string>`data->>'round'`, '=', q.round)
    .orderBy('id')
    .execute()
  const out = new Map<number, boolean>()
  for (const r of rows) {
    const d = (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as {
      question?: unknown
      correct?: unknown
    }
    if (typeof d.question === 'number' && !out.has(d.question)) out.set(d.question, d.correct === true)
  }
  return out
}
