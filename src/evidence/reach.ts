import { fiscalMonths } from '../core/time/index.js'
import type { GroupInfo, YearFigures } from './gather.js'
import { ACK_KINDS, DELIVERED, FAILED } from './kinds.js'
import { type AckCount, ackRate } from './rates.js'
import type { MonthReach, Reach, UnitReach } from './types.js'

// Whom a measure reached in a year: groups, people, deliveries, acknowledgments, by unit and
// by month. Pure over the year's figures.

export const UNLABELLED = 'ไม่ระบุหน่วยงาน / Unlabelled'
export const DIRECT_CHATS = 'แชต 1:1 / 1:1 chats'

const isAck = (kind: string) => ACK_KINDS.includes(kind)

interface PlaceTally {
  delivered: number
  acks: number
  ackPeople: number
  any: boolean
}

function tallyPlaces(f: YearFigures, measure: string): Map<string, PlaceTally> {
  const out = new Map<string, PlaceTally>()
  const at = (key: string) => {
    const t = out.get(key) ?? { delivered: 0, acks: 0, ackPeople: 0, any: false }
    out.set(key, t)
    return t
  }
  for (const r of f.places) {
    // A failed push did not reach the group.
    if (r.measure !== measure || r.kind === FAILED) continue
    const t = at(r.place_key)
    t.any = true
    if (r.kind === DELIVERED) t.delivered += r.events
    if (isAck(r.kind)) t.acks += r.events
  }
  for (const r of f.placePeople) {
    if (r.measure === measure && isAck(r.kind)) at(r.place_key).ackPeople += r.people
  }
  return out
}

/**
 * A group as an acknowledgment place (rates.ts): its members count as reached only where the
 * measure sent it something or someone acknowledged there; a group where a guide was merely
 * opened has no rate to speak of.
 */
function groupCount(t: PlaceTally, g: GroupInfo | undefined): AckCount {
  return { acked: t.ackPeople, reached: t.delivered + t.acks > 0 ? (g?.members ?? null) : 0 }
}

function byUnit(places: Map<string, PlaceTally>, groups: Map<string, GroupInfo>): UnitReach[] {
  const units = new Map<string, UnitReach & { counts: AckCount[] }>()
  for (const [key, t] of places) {
    const g = groups.get(key)
    const labels = g && g.labels.length > 0 ? g.labels : [UNLABELLED]
    for (const unit of labels) {
      const u = units.get(unit) ?? {
        unit,
        groups: 0,
        delivered: 0,
        acknowledgments: 0,
        ackRate: null,
        counts: [],
      }
      u.groups += 1
      u.delivered += t.delivered
      u.acknowledgments += t.acks
      u.counts.push(groupCount(t, g))
      units.set(unit, u)
    }
  }
  return [...units.values()]
    .map(({ counts, ...u }) => ({ ...u, ackRate: ackRate(counts) }))
    .sort(
      (a, b) =>
        Number(a.unit === UNLABELLED) - Number(b.unit === UNLABELLED) || a.unit.localeCompare(b.unit, 'th'),
    )
}

function byMonth(f: YearFigures, measure: string, fy: number): MonthReach[] {
  return fiscalMonths(fy).map((month) => {
    let delivered = 0
    let acknowledgments = 0
    for (const r of f.months) {
      if (r.measure !== measure || r.month !== month) continue
      if (r.kind === DELIVERED) delivered += r.events
      if (isAck(r.kind)) acknowledgments += r.events
    }
    const newlyReached = f.newly.find((r) => r.measure === measure && r.month === month)?.people ?? 0
    return { month, delivered, newlyReached, acknowledgments }
  })
}

const sumOf = <T>(rows: readonly T[], pick: (r: T) => number) => rows.reduce((a, r) => a + pick(r), 0)

export function buildReach(
  f: YearFigures,
  measure: string,
  fy: number,
): Reach & { membersReached: number | null } {
  const kinds = f.kinds.filter((r) => r.measure === measure)
  const deliveries = sumOf(
    kinds.filter((r) => r.kind === DELIVERED),
    (r) => r.events,
  )
  const acknowledgments = sumOf(
    kinds.filter((r) => isAck(r.kind)),
    (r) => r.events,
  )
  const places = tallyPlaces(f, measure)
  const units = byUnit(places, f.groups)
  const groupDeliveries = sumOf([...places.values()], (t) => t.delivered)
  const groupAcks = sumOf([...places.values()], (t) => t.acks)
  // The 1:1 chats are one more place: everyone reached there (a delivery, or an acknowledgment
  // made there, asked for or not) and, after a broadcast to all followers, every follower.
  const d = f.direct.find((r) => r.measure === measure)
  const followers = f.toAllFollowers.has(measure) ? f.followers : 0
  const direct: AckCount = { acked: d?.acked ?? 0, reached: Math.max(d?.people ?? 0, followers) }
  if (deliveries > groupDeliveries || acknowledgments > groupAcks) {
    units.push({
      unit: DIRECT_CHATS,
      groups: 0,
      delivered: deliveries - groupDeliveries,
      acknowledgments: acknowledgments - groupAcks,
      ackRate: ackRate([direct]),
    })
  }
  const known = [...places.keys()].map((k) => f.groups.get(k)?.members ?? null)
  const members = sumOf(known, (m) => m ?? 0)
  const counts = [...places].map(([key, t]) => groupCount(t, f.groups.get(key)))
  return {
    groups: places.size,
    people: f.people.find((r) => r.measure === measure)?.people ?? 0,
    deliveries,
    acknowledgments,
    ackRate: ackRate([...counts, direct]),
    byUnit: units,
    byMonth: byMonth(f, measure, fy),
    membersReached: known.some((m) => m !== null) ? members : null,
  }
}
