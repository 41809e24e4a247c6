import { type Clock, systemClock } from '../core/clock.js'
import type { ContentResult, InsightResult, LinePort, LineResolver, SendResult } from './port.js'

/**
 * What LINE's recent answers say about a channel, for `/healthz` and the console:
 * - `unavailable`: several calls in a row found LINE down (5xx, network, timeouts), each after
 *   the adapter's own retries; one answer from LINE, whatever it says, ends it.
 * - `quota_exhausted`: LINE said the month's message quota is used up; ends with a push LINE
 *   accepts (replies are free, so an accepted reply says nothing) or with the month (UTC+9).
 * - `rate_limited`: a 429 for too many requests within the last minute.
 */
export type LineState = 'ok' | 'rate_limited' | 'quota_exhausted' | 'unavailable'

export interface LineHealth {
  status: LineState
  since: Date | null
}

export interface LineStatus {
  /**
   * The resolver's ports, each recording its answers under its organization. A resolver this
   * tracker already returned comes back as it is (answers are never counted twice).
   */
  track(lines: LineResolver): LineResolver
  /** One organization's channel (the console's banner). */
  of(orgId: string): LineHealth
  /** The worst of every channel seen (`/healthz`). */
  overall(): LineHealth
}

/** Failures in a row (each already retried by the adapter) before LINE counts as down. */
export const UNAVAILABLE_AFTER = 3
const RATE_LIMIT_MS = 60_000
const WORST: LineState[] = ['unavailable', 'quota_exhausted', 'rate_limited', 'ok']

interface Channel {
  failures: number
  failingSince: number | null
  rateLimitedAt: number | null
  rateLimitedSince: number | null
  quotaSince: number | null
}

type Seen = 'up' | 'down' | 'rate' | 'quota' | 'sent'

function ofSend(r: SendResult): Seen | null {
  switch (r.kind) {
    case 'accepted':
      return 'sent'
    case 'rejected':
      return 'up'
    case 'rate_limited':
      return 'rate'
    case 'quota_exhausted':
      return 'quota'
    case 'unavailable':
      return 'down'
    default:
      return null
  }
}

const ofError = (status: number | null): Seen => (status === null || status >= 500 ? 'down' : 'up')

function ofContent(r: ContentResult): Seen {
  return r.kind === 'error' ? ofError(r.status) : 'up'
}

function ofInsight<T>(r: InsightResult<T>): Seen {
  if (r.kind === 'rate_limited') return 'up'
  return r.kind === 'error' ? ofError(r.status) : 'up'
}

/** LINE's month, for the quota: it starts at midnight in Japan (UTC+9). */
const monthOf = (ms: number) => new Date(ms + 9 * 3600_000).toISOString().slice(0, 7)

export function createLineStatus(clock: Clock = systemClock): LineStatus {
  const channels = new Map<string, Channel>()
  const channel = (orgId: string): Channel => {
    let c = channels.get(orgId)
    if (!c) {
      c = { failures: 0, failingSince: null, rateLimitedAt: null, rateLimitedSince: null, quotaSince: null }
      channels.set(orgId, c)
    }
    return c
  }

  const record = (orgId: string, seen: Seen | null, push: boolean) => {
    if (seen === null) return
    const c = channel(orgId)
    const now = clock.now().getTime()
    if (seen === 'down') {
      c.failures++
      c.failingSince ??= now
      return
    }
    c.failures = 0
    c.failingSince = null
    if (seen === 'rate') {
      if (c.rateLimitedAt === null || now - c.rateLimitedAt >= RATE_LIMIT_MS) c.rateLimitedSince = now
      c.rateLimitedAt = now
    }
    if (seen === 'quota') c.quotaSince ??= now
    if (seen === 'sent' && push) c.quotaSince = null
  }

  const health = (c: Channel): LineHealth => {
    const now = clock.now().getTime()
    if (c.failures >= UNAVAILABLE_AFTER && c.failingSince !== null) {
      return { status: 'unavailable', since: new Date(c.failingSince) }
    }
    if (c.quotaSince !== null && monthOf(c.quotaSince) === monthOf(now)) {
      return { status: 'quota_exhausted', since: new Date(c.quotaSince) }
    }
    if (c.rateLimitedAt !== null && c.rateLimitedSince !== null && now - c.rateLimitedAt < RATE_LIMIT_MS) {
      return { status: 'rate_limited', since: new Date(c.rateLimitedSince) }
    }
    return { status: 'ok', since: null }
  }

  const wrap = (orgId: string, port: LinePort): LinePort => {
    const send = async (push: boolean, call: Promise<SendResult>) => {
      const r = await call
      record(orgId, ofSend(r), push)
      return r
    }
    /** Port methods that throw LineApiError for what LINE answered (or did not). */
    const plain = async <T>(call: () => Promise<T>): Promise<T> => {
      try {
        const v = await call()
        record(orgId, 'up', false)
        return v
      } catch (err) {
        const status = (err as { status?: unknown }).status
        record(orgId, ofError(typeof status === 'number' ? status : null), false)
        throw err
      }
    }
    const seen = async <T>(call: Promise<T>, classify: (r: T) => Seen) => {
      const r = await call
      record(orgId, classify(r), false)
      return r
    }
    return {
      reply: (token, messages) => send(false, port.reply(token, messages)),
      push: (to, messages, opts) => send(true, port.push(to, messages, opts)),
      multicast: (to, messages, opts) => send(true, port.multicast(to, messages, opts)),
      broadcast: (messages, opts) => send(true, port.broadcast(messages, opts)),
      showLoading: (userId, seconds) => send(false, port.showLoading(userId, seconds)),
      getContent: (id) => seen(port.getContent(id), ofContent),
      getQuota: () => plain(() => port.getQuota()),
      getGroupSummary: (id) => plain(() => port.getGroupSummary(id)),
      getGroupMemberCount: (id) => plain(() => port.getGroupMemberCount(id)),
      getProfile: (id) => plain(() => port.getProfile(id)),
      linkRichMenu: (userId, menuId) => send(false, port.linkRichMenu(userId, menuId)),
      unlinkRichMenu: (userId) => send(false, port.unlinkRichMenu(userId)),
      getRichMenuAlias: (aliasId) => plain(() => port.getRichMenuAlias(aliasId)),
      getDeliveryCounts: (day) => seen(port.getDeliveryCounts(day), ofInsight),
      getFollowerCounts: (day) => seen(port.getFollowerCounts(day), ofInsight),
      getUnitStatistics: (unit, from, to) => seen(port.getUnitStatistics(unit, from, to), ofInsight),
    }
  }

  const mine = new WeakSet<LineResolver>()
  return {
    track(lines) {
      if (mine.has(lines)) return lines
      // One wrapper per port (a rotated token brings a new port, and a new wrapper).
      const wrapped = new Map<string, { port: LinePort; tracked: LinePort }>()
      const resolver: LineResolver = async (orgId) => {
        const port = await lines(orgId)
        if (!port) return null
        const hit = wrapped.get(orgId)
        if (hit && hit.port === port) return hit.tracked
        const tracked = wrap(orgId, port)
        wrapped.set(orgId, { port, tracked })
        return tracked
      }
      mine.add(resolver)
      return resolver
    },
    of: (orgId) => {
      const c = channels.get(orgId)
      return c ? health(c) : { status: 'ok', since: null }
    },
    overall() {
      let worst: LineHealth = { status: 'ok', since: null }
      for (const c of channels.values()) {
        const h = health(c)
        if (WORST.indexOf(h.status) < WORST.indexOf(worst.status)) worst = h
      }
      return worst
    },
  }
}
