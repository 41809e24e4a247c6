import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'

/**
 * Reserves `spanMs` of an organization's LINE send time on the row every instance shares
 * (migration T1500): the reservation starts where the last one ended, or now when the channel
 * was idle. Answers how many milliseconds from now the reserved span starts. The database's
 * clock is the only clock involved, so instances with skewed clocks still line up.
 */
export async function reserveSendTime(db: Kysely<Database>, orgId: string, spanMs: number): Promise<number> {
  const r = await sql<{ wait_ms: number | string }>`
    insert into line_send_pace as p (org_id, tat)
    values (${orgId}, clock_timestamp() + ${spanMs} * interval '1 millisecond')
    on conflict (org_id) do update
      set tat = greatest(p.tat, clock_timestamp()) + ${spanMs} * interval '1 millisecond'
    returning extract(epoch from (p.tat - clock_timestamp())) * 1000 - ${spanMs} as wait_ms`.execute(db)
  return Number(r.rows[0]?.wait_ms ?? 0)
}
