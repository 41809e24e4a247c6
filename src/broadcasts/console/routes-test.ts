import { Hono } from 'hono'
import type { AdminEnv } from '../../app-env.js'
import { redirectWithFlash } from '../../console/flash.js'
import { form, view } from '../../console/http.js'
import type { MessageKey } from '../../console/i18n.js'
import { gate, notFound } from '../../console/respond.js'
import { findBroadcast } from '../repository.js'
import { renderDetail } from './detail.js'
import { auditBroadcast, type BroadcastRouteOptions, COMPOSERS, orgOf } from './http.js'
import { type LineRefusal, sendTest, type TestTarget } from './test-send.js'

const REASON: Record<'not_linked' | 'unknown_persona' | 'no_channel', MessageKey> = {
  not_linked: 'notLinked',
  unknown_persona: 'unknownPersona',
  no_channel: 'noChannel',
}

/** LINE's answer as the admin may read it: a status and LINE's own words, no LINE id. */
const answerOf = (r: LineRefusal) => `${r.kind}${r.status === null ? '' : ` ${r.status}`}: ${r.detail}`

/** "Send a test" of a broadcast: audited, never a delivery of the broadcast itself. */
export function broadcastTestRoutes(opts: BroadcastRouteOptions) {
  const app = new Hono<AdminEnv>()
  app.post('/broadcasts/:id/test', async (c) => {
    const s = gate(c, COMPOSERS)
    if (s instanceof Response) return s
    const { deps } = c.var
    const b = await findBroadcast(deps.db, orgOf(s), c.req.param('id'))
    if (!b) return notFound(c)
    const f = await form(c)
    const target: TestTarget =
      f('to') === 'persona' ? { kind: 'persona', name: f('persona') } : { kind: 'me' }
    const r = await sendTest(deps, s, b, target, f('sendId'))
    const v = view(c)
    const where = target.kind === 'persona' ? `simulator: ${target.name}` : 'linked LINE account'
    if (!r.ok) {
      const message =
        r.reason === 'line' ? `${v.t('testFailed')} (${answerOf(r.result)})` : v.t(REASON[r.reason])
      if (r.reason === 'line')
        await auditBroadcast(c, s, 'broadcast.test_sent', b, `${where}; ${r.result.kind}`)
      return renderDetail(c, s, b, opts, { message, error: true }, 422)
    }
    await auditBroadcast(c, s, 'broadcast.test_sent', b, where)
    return redirectWithFlash(
      c,
      `/admin/broadcasts/${b.id}`,
      r.via === 'simulator' ? 'testSentSim' : 'testSent',
    )
  })
  return app
}
