import { afterEach, describe, expect, test } from 'vitest'
import { AUDIT_ACTIONS } from '../../src/audit/actions.js'
import { type ApiWorld, apiWorld, EXAMPLES, json } from '../api/helpers.js'
import { DB_KINDS } from '../helpers/db.js'

// AuditAction types every write to the log (console, API, LINE link); this checks the API's
// writes against the same list at run time, as an auditor reading the log would.

describe.each(DB_KINDS)('audit actions of the API (%s)', (kind) => {
  let w: ApiWorld | undefined
  afterEach(async () => w?.t.close())

  test('every action the API writes is a known AuditAction, under the token as actor', async () => {
    w = await apiWorld(kind)
    const aud = await json(await w.call('POST', '/audiences', { body: EXAMPLES.audience }))
    const b = await json(
      await w.call('POST', '/broadcasts', { body: EXAMPLES.broadcast(String(aud.id), w.t.clock.now()) }),
    )
    await w.call('POST', `/broadcasts/${b.id}/schedule`)
    w.line.script.push({ kind: 'rejected', status: 400, detail: 'bad request' })
    await w.tick()
    const run = ((await json(await w.call('GET', `/broadcasts/${b.id}`))).runs as { id: string }[])[0]
    expect((await w.call('POST', `/broadcasts/${b.id}/runs/${run?.id}/retry`)).status).toBe(200)
    const weekly = await json(await w.call('POST', '/broadcasts', { body: EXAMPLES.weekly(String(aud.id)) }))
    await w.call('POST', `/broadcasts/${weekly.id}/schedule`)
    expect((await w.call('POST', `/broadcasts/${weekly.id}/cancel`)).status).toBe(200)

    const rows = await w.t.deps.db.selectFrom('admin_audit_log').select(['action', 'actor_email']).execute()
    const known: readonly string[] = AUDIT_ACTIONS
    expect(rows.filter((r) => !known.includes(r.action))).toEqual([])
    const api = rows.filter((r) => r.action.startsWith('api.'))
    expect(api.map((r) => r.action).sort()).toEqual([
      'api.audience.created',
      'api.broadcast.cancelled',
      'api.broadcast.created',
      'api.broadcast.created',
      'api.broadcast.scheduled',
      'api.broadcast.scheduled',
      'api.run.retried',
    ])
    expect(new Set(api.map((r) => r.actor_email))).toEqual(new Set(['api:ระบบ e-Office']))
  })
})
