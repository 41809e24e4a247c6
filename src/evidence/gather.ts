import type { Kysely } from 'kysely'
import { ALL_FOLLOWERS } from '../broadcasts/tables.js'
import type { ComplaintStats } from '../complaints/stats.js'
import type { Keyring } from '../core/keyring.js'
import type { Database } from '../db/schema.js'
import { engagementChatKey } from '../engagement/events.js'
import {
  countFollowers,
  deliveryCounts,
  listGroupLabels,
  listGroups,
  listRuns,
} from './context-repository.js'
import { ACK_KINDS, MONTH_KINDS, PEOPLE_KINDS } from './kinds.js'
import type {
  DirectRow,
  FigureSource,
  KindPeopleRow,
  KindRow,
  MonthRow,
  NewRow,
  PeopleRow,
  PlacePeopleRow,
  PlaceRow,
  YearQuery,
} from './repository.js'
import type { BroadcastDone } from './types.js'

/** A group as the report sees it: by its key in the log, with members and unit labels. */
export interface GroupInfo {
  members: number | null
  labels: string[]
}

/** Everything one year's report is built from; the builders below are pure over it. */
export interface YearFigures {
  kinds: KindRow[]
  months: MonthRow[]
  places: PlaceRow[]
  people: PeopleRow[]
  newly: NewRow[]
  kindPeople: KindPeopleRow[]
  placePeople: PlacePeopleRow[]
  direct: DirectRow[]
  /** By engagement key (HMAC of the group id): the log never holds the id itself. */
  groups: Map<string, GroupInfo>
  /** By measure id. */
  broadcasts: Map<string, BroadcastDone[]>
  /** Measures with a broadcast to all followers this year: their followers count as recipients. */
  toAllFollowers: Set<string>
  followers: number
  complaints: ComplaintStats | null
}

const ALL_FOLLOWERS_LABEL = 'ผู้ติดตามทั้งหมด'

/** The year's broadcasts per measure, one entry per broadcast with each run that sent. */
async function broadcastsOf(db: Kysely<Database>, q: YearQuery) {
  const runs = await listRuns(db, q.orgId, q.start, q.end)
  const counts = await deliveryCounts(
    db,
    q.orgId,
    runs.map((r) => r.id),
  )
  const byMeasure = new Map<string, Map<string, BroadcastDone>>()
  const toAll = new Set<string>()
  for (const r of runs) {
    if (r.measure === null || r.started_at === null) continue
    if (r.audience === ALL_FOLLOWERS) toAll.add(r.measure)
    const measure = byMeasure.get(r.measure) ?? new Map<string, BroadcastDone>()
    byMeasure.set(r.measure, measure)
    const done = measure.get(r.broadcast_id) ?? {
      broadcastId: r.broadcast_id,
      title: r.title,
      audience: r.audience === ALL_FOLLOWERS ? ALL_FOLLOWERS_LABEL : (r.audience_name ?? r.audience),
      sentAt: [],
      recipients: 0,
      delivered: 0,
      failed: 0,
    }
    done.sentAt.push(r.started_at)
    for (const c of counts) {
      if (c.run_id !== r.id) continue
      done.recipients += Number(c.n)
      if (c.status === 'sent') done.delivered += Number(c.n)
      if (c.status === 'failed') done.failed += Number(c.n)
    }
    measure.set(r.broadcast_id, done)
  }
  const broadcasts = new Map([...byMeasure].map(([m, b]) => [m, [...b.values()]]))
  return { broadcasts, toAll }
}

/** Groups keyed as the log keys them: a few hundred HMACs, computed per report. */
async function groupsOf(db: Kysely<Database>, keyring: Keyring, orgId: string) {
  const [groups, labels] = await Promise.all([listGroups(db, orgId), listGroupLabels(db, orgId)])
  const out = new Map<string, GroupInfo>()
  const byId = new Map<string, GroupInfo>()
  for (const g of groups) byId.set(g.chat_id, { members: g.member_count, labels: [] })
  for (const l of labels) {
    const g = byId.get(l.chat_id) ?? { members: null, labels: [] }
    g.labels.push(l.label)
    byId.set(l.chat_id, g)
  }
  for (const [id, g] of byId) out.set(await engagementChatKey(keyring, id), g)
  return out
}

export async function gatherYear(
  db: Kysely<Database>,
  keyring: Keyring,
  source: FigureSource,
  q: YearQuery,
  complaints: () => Promise<ComplaintStats | null>,
): Promise<YearFigures> {
  const [kinds, months, places, people, newly, kindPeople, placePeople, direct] = await Promise.all([
    source.byKind(db, q),
    source.byMonth(db, q, MONTH_KINDS),
    source.byPlace(db, q),
    source.people(db, q),
    source.newByMonth(db, q),
    source.peopleByKind(db, q, PEOPLE_KINDS),
    source.peopleByPlace(db, q, ACK_KINDS),
    source.directReach(db, q, ACK_KINDS),
  ])
  const [groups, b, followers, stats] = await Promise.all([
    groupsOf(db, keyring, q.orgId),
    broadcastsOf(db, q),
    countFollowers(db, q.orgId),
    complaints(),
  ])
  return {
    kinds,
    months,
    places,
    people,
    newly,
    kindPeople,
    placePeople,
    direct,
    groups,
    broadcasts: b.broadcasts,
    toAllFollowers: b.toAll,
    followers,
    complaints: stats,
  }
}
