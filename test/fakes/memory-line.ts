import { assertWithinLimits } from '../../src/line/limits.js'
import type {
  ContentResult,
  DeliveryCounts,
  FollowerCounts,
  InsightResult,
  LineMessage,
  LinePort,
  PushOptions,
  Quota,
  SendResult,
  UnitStatistics,
} from '../../src/line/port.js'

export type LineCall =
  | { op: 'reply'; replyToken: string; messages: LineMessage[] }
  | { op: 'push'; to: string; messages: LineMessage[]; opts: PushOptions }
  | { op: 'multicast'; to: string[]; messages: LineMessage[]; opts: PushOptions }
  | { op: 'broadcast'; messages: LineMessage[]; opts: PushOptions }
  | { op: 'loading'; userId: string; seconds: number }

/** An in-process LinePort for handler tests: records every call, enforces LINE's limits. */
export class MemoryLine implements LinePort {
  readonly calls: LineCall[] = []
  /** The next results to return from send calls, in order; `accepted` once they run out. */
  readonly script: SendResult[] = []
  groups = new Map<string, { name: string; count: number }>()

  private next(): SendResult {
    return (
      this.script.shift() ?? { kind: 'accepted', requestId: `req-${this.calls.length}`, duplicate: false }
    )
  }
  async reply(replyToken: string, messages: LineMessage[]) {
    assertWithinLimits(messages)
    this.calls.push({ op: 'reply', replyToken, messages })
    return this.next()
  }
  async push(to: string, messages: LineMessage[], opts: PushOptions) {
    assertWithinLimits(messages)
    this.calls.push({ op: 'push', to, messages, opts })
    return this.next()
  }
  async multicast(to: string[], messages: LineMessage[], opts: PushOptions) {
    this.calls.push({ op: 'multicast', to, messages, opts })
    return this.next()
  }
  async broadcast(messages: LineMessage[], opts: PushOptions) {
    this.calls.push({ op: 'broadcast', messages, opts })
    return this.next()
  }
  /** What getContent answers per message id (LINE keeps content for a while, then 410). */
  readonly contents = new Map<string, ContentResult>()
  async getContent(messageId: string): Promise<ContentResult> {
    return this.contents.get(messageId) ?? { kind: 'not_found' }
  }
  async showLoading(userId: string, seconds: number) {
    this.calls.push({ op: 'loading', userId, seconds })
    return this.next()
  }
  quota: Quota = { type: 'limited', limit: 300, used: 0 }
  async getQuota() {
    return this.quota
  }
  async getGroupSummary(groupId: string) {
    const g = this.groups.get(groupId)
    return g ? { groupId, name: g.name, pictureUrl: null } : null
  }
  async getGroupMemberCount(groupId: string) {
    return this.groups.get(groupId)?.count ?? null
  }
  /** Profile languages by user id; a user not here has no profile (null), 'fail' throws. */
  readonly profiles = new Map<string, string | null | 'fail'>()
  readonly profileCalls: string[] = []
  async getProfile(userId: string) {
    this.profileCalls.push(userId)
    const p = this.profiles.get(userId)
    if (p === 'fail') throw new Error('LINE API 500: profile unavailable')
    return p === undefined ? null : { language: p }
  }
  /** Rich menus: aliases by id, each user's linked menu, and the calls, apart from `calls`. */
  readonly aliases = new Map<string, string>()
  readonly userMenus = new Map<string, string>()
  readonly menuCalls: { op: 'link' | 'unlink' | 'alias'; args: string[] }[] = []
  /** The next link/unlink results, in order (`accepted` once they run out); 'throw' throws. */
  readonly menuScript: (SendResult | 'throw')[] = []
  private menuResult(apply: () => void): SendResult {
    const next = this.menuScript.shift()
    if (next === 'throw') throw new Error('LINE API: connection reset')
    if (next && next.kind !== 'accepted') return next
    apply()
    return next ?? { kind: 'accepted', requestId: null, duplicate: false }
  }
  async linkRichMenu(userId: string, richMenuId: string) {
    this.menuCalls.push({ op: 'link', args: [userId, richMenuId] })
    return this.menuResult(() => this.userMenus.set(userId, richMenuId))
  }
  async unlinkRichMenu(userId: string) {
    this.menuCalls.push({ op: 'unlink', args: [userId] })
    return this.menuResult(() => this.userMenus.delete(userId))
  }
  async getRichMenuAlias(aliasId: string) {
    this.menuCalls.push({ op: 'alias', args: [aliasId] })
    return this.aliases.get(aliasId) ?? null
  }
  /** Insight calls, apart from `calls` (which tests read as what was sent). */
  readonly insightCalls: { what: 'delivery' | 'followers' | 'unit'; args: string[] }[] = []
  /** Insight answers by day ('YYYY-MM-DD') or unit; `not_available` when none was set. */
  readonly insight = {
    deliveries: new Map<string, InsightResult<DeliveryCounts>>(),
    followers: new Map<string, InsightResult<FollowerCounts>>(),
    units: new Map<string, InsightResult<UnitStatistics>>(),
  }
  private answer<T>(found: InsightResult<T> | undefined): InsightResult<T> {
    return found ?? { kind: 'not_available', status: 403, detail: 'no insight set in MemoryLine' }
  }
  async getDeliveryCounts(day: string) {
    this.insightCalls.push({ what: 'delivery', args: [day] })
    return this.answer(this.insight.deliveries.get(day))
  }
  async getFollowerCounts(day: string) {
    this.insightCalls.push({ what: 'followers', args: [day] })
    return this.answer(this.insight.followers.get(day))
  }
  async getUnitStatistics(unit: string, from: string, to: string) {
    this.insightCalls.push({ what: 'unit', args: [unit, from, to] })
    return this.answer(this.insight.units.get(unit))
  }
  texts(): string[] {
    return this.calls.flatMap((c) =>
      'messages' in c ? c.messages.flatMap((m) => (m.type === 'text' ? [m.text] : [])) : [],
    )
  }
}
