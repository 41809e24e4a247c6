import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Quota } from '../line/port.js'
import { resolveRecipients } from './audiences.js'

/**
 * Quota cost of one run before sending. LINE charges push and broadcast per recipient person
 * per request (a push to a group of 40 costs 40; the up-to-5 message objects of one request
 * count once), so cost = persons reached × requests per recipient (1: a run sends its messages
 * in one request). A group with an unknown member count is counted as 1 and reported, so the
 * figure is then a lower bound.
 */
export type QuotaLevel = 'ok' | 'warn' | 'block'

export interface QuotaEstimate {
  level: QuotaLevel
  recipients: number
  cost: number
  /** Groups whose member count is unknown: cost is a lower bound when > 0. */
  unknownCounts: number
  limit: number | null
  used: number
  /** What would be left after this run; null without a monthly limit. */
  remainingAfter: number | null
}

export const WARN_RATIO = 0.8

/** Pure: ok, warn (the month would pass 80 % of the limit) or block (it would exceed it). */
export function judgeQuota(cost: number, quota: Quota): QuotaLevel {
  if (quota.type === 'none' || quota.limit === null) return 'ok'
  const after = quota.used + cost
  if (after > quota.limit) return 'block'
  if (after > quota.limit * WARN_RATIO) return 'warn'
  return 'ok'
}

export function estimateFromCosts(costs: (number | null)[], quota: Quota): QuotaEstimate {
  const unknownCounts = costs.filter((c) => c === null).length
  const cost = costs.reduce<number>((sum, c) => sum + (c ?? 1), 0)
  const limit = quota.type === 'limited' ? quota.limit : null
  return {
    level: judgeQuota(cost, quota),
    recipients: costs.length,
    cost,
    unknownCounts,
    limit,
    used: quota.used,
    remainingAfter: limit === null ? null : limit - quota.used - cost,
  }
}

/** Resolves the audience now and compares its cost with LINE's quota and this month's use. */
export async function estimateQuota(
  db: Kysely<Database>,
  getQuota: () => Promise<Quota>,
  orgId: string,
  audience: string,
): Promise<QuotaEstimate> {
  const recipients = await resolveRecipients(db, orgId, audience)
  return estimateFromCosts(
    recipients.map((r) => r.cost),
    await getQuota(),
  )
}
