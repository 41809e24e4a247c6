import { linkedLineUser } from '../../admin/line-link.js'
import type { AppDeps } from '../../app-env.js'
import type { Session } from '../../console/session.js'
import { uuidFromName } from '../../core/ids.js'
import type { SendResult } from '../../line/port.js'
import type { BroadcastRow } from '../tables.js'

// A test of a broadcast, to one person, before it is scheduled: a simulated 1:1 chat in local
// mode, or the admin's own linked LINE account. It is a push like any other (same messages,
// a retry key), but no run or delivery row is written: a test is not a delivery.

/** What LINE answered when it did not take the push. */
export type LineRefusal = Exclude<SendResult, { kind: 'accepted' }>
export type TestTarget = { kind: 'persona'; name: string } | { kind: 'me' }
export type TestSendResult =
  | { ok: true; via: 'simulator' | 'line' }
  | { ok: false; reason: 'not_linked' | 'unknown_persona' | 'no_channel' }
  | { ok: false; reason: 'line'; result: LineRefusal }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * `sendId` comes with the form (drawn when the page was shown), so the same form posted twice
 * carries the same retry key and LINE sends it once.
 */
export async function sendTest(
  deps: Pick<AppDeps, 'db' | 'keyring' | 'lines' | 'simulator'>,
  s: Session,
  b: BroadcastRow,
  target: TestTarget,
  sendId: string,
): Promise<TestSendResult> {
  const orgId = s.admin.orgId
  let to: string | null
  if (target.kind === 'persona') {
    const sim = deps.simulator
    if (!sim?.personas.includes(target.name)) return { ok: false, reason: 'unknown_persona' }
    // The first time, the persona adds the bot as a friend: a real follow event reaches the bot.
    to = (await sim.openUserChat(target.name)).id
  } else {
    to = await linkedLineUser(deps.db, deps.keyring, s)
    if (!to) return { ok: false, reason: 'not_linked' }
  }
  const line = await deps.lines(orgId)
  if (!line) return { ok: false, reason: 'no_channel' }
  const key = UUID.test(sendId) ? sendId : crypto.randomUUID()
  const retryKey = await uuidFromName(`broadcast-test:${orgId}:${b.id}:${key}`)
  const result = await line.push(to, b.messages, { retryKey })
  if (result.kind !== 'accepted') return { ok: false, reason: 'line', result }
  return { ok: true, via: target.kind === 'persona' ? 'simulator' : 'line' }
}
