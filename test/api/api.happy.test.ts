import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DB_KINDS } from '../helpers/db.js'
import { type ApiWorld, apiWorld, EXAMPLES, GROUP_A, json } from './helpers.js'

describe.each(DB_KINDS)('/api/v1 happy path (%s)', (kind) => {
  let w: ApiWorld
  beforeEach(async () => {
    w = await apiWorld(kind)
  })
  afterEach(async () => {
    await w.t.close()
  })

  it('create audience → create → schedule → tick → deliveries sent, all audited as the token', async () => {
    const aud = await w.call('POST', '/audiences', { body: EXAMPLES.audience })
    expect(aud.status).toBe(201)
    const audience = await json(aud)
    expect(audience).toMatchObject({ name: EXAMPLES.audience.name, labels: ['กองคลัง'], recipients: 1 })
    const audienceId = String(audience.id)

    const at = new Date(w.t.clock.now().getTime() + 120_000)
    const created = await w.call('POST', '/broadcasts', { body: EXAMPLES.broadcast(audienceId, at) })
    expect(created.status).toBe(201)
    const draft = await json(created)
    expect(draft).toMatchObject({ status: 'draft', runAt: at.toISOString(), cron: null, nextRunAt: null })
    const id = String(draft.id)

    const sched = await w.call('POST', `/broadcasts/${id}/schedule`)
    expect(sched.status).toBe(200)
    expect(await json(sched)).toMatchObject({ status: 'scheduled', nextRunAt: at.toISOString() })

    w.t.clock.advance(120_000)
    expect(await w.tick()).toMatchObject({ runsCreated: 1, sent: 1, failed: 0 })
    expect(w.line.texts()).toEqual(['งดให้ งดรับของขวัญ ทุกเทศกาล'])

    const got = await json(await w.call('GET', `/broadcasts/${id}`))
    expect(got).toMatchObject({ status: 'sent' })
    const runs = got.runs as { id: string; status: string; counts: Record<string, number> }[]
    expect(runs).toHaveLength(1)
    expect(runs[0]).toMatchObject({ status: 'sent', counts: { sent: 1, failed: 0 } })

    const res = await w.call('GET', `/broadcasts/${id}/runs/${runs[0]?.id}/deliveries`)
    expect(res.status).toBe(200)
    const text = await res.text()
    // Groups by LINE name and unit label, never by raw LINE id.
    expect(text).not.toContain(GROUP_A)
    expect(JSON.parse(text).deliveries).toEqual([
      {
        recipient: { type: 'group', name: 'กองคลัง A', labels: ['กองคลัง'] },
        status: 'sent',
        attempts: 1,
        answerStatus: 200,
        sentAt: expect.any(String),
      },
    ])

    const list = await json(await w.call('GET', '/broadcasts'))
    expect((list.items as { id: string }[]).map((b) => b.id)).toEqual([id])
    const audit = await w.t.deps.db
      .selectFrom('admin_audit_log')
      .select(['action', 'actor_email', 'target'])
      .where('actor_email', 'like', 'api:%')
      .orderBy('id')
      .execute()
    expect(audit).toEqual([
      { action: 'api.audience.created', actor_email: 'api:ระบบ e-Office', target: audienceId },
      { action: 'api.broadcast.created', actor_email: 'api:ระบบ e-Office', target: id },
      { action: 'api.broadcast.scheduled', actor_email: 'api:ระบบ e-Office', target: id },
    ])
  })

  it('recurring by preset and by cron show their next run; cancel goes back to draft', async () => {
    const aud = await json(await w.call('POST', '/audiences', { body: EXAMPLES.audienceByGroup }))
    expect(aud).toMatchObject({ groups: [{ name: 'กองคลัง A', labels: ['กองคลัง'] }], recipients: 1 })
    const weekly = await json(await w.call('POST', '/broadcasts', { body: EXAMPLES.weekly(String(aud.id)) }))
    expect(weekly).toMatchObject({ status: 'draft', cron: '0 9 * * 1', timeZone: 'Asia/Bangkok' })
    const s = await json(await w.call('POST', `/broadcasts/${weekly.id}/schedule`))
    // 2026-11-22 is a Sunday: the first Monday 09:00 Bangkok is 02:00 UTC on the 23rd.
    expect(s).toMatchObject({ status: 'scheduled', nextRunAt: '2026-11-23T02:00:00.000Z' })
    const cron = await json(await w.call('POST', '/broadcasts', { body: EXAMPLES.cron(String(aud.id)) }))
    expect(cron).toMatchObject({ cron: '0 9 L * *' })

    const cancelled = await w.call('POST', `/broadcasts/${weekly.id}/cancel`)
    expect(cancelled.status).toBe(200)
    expect(await json(cancelled)).toMatchObject({ status: 'draft', nextRunAt: null })
  })

  it('retries the failed recipients of a run', async () => {
    const aud = await json(await w.call('POST', '/audiences', { body: EXAMPLES.audience }))
    const b = await json(
      await w.call('POST', '/broadcasts', { body: EXAMPLES.broadcast(String(aud.id), w.t.clock.now()) }),
    )
    await w.call('POST', `/broadcasts/${b.id}/schedule`)
    w.line.script.push({ kind: 'rejected', status: 400, detail: 'bad request' })
    expect(await w.tick()).toMatchObject({ failed: 1 })
    const run = ((await json(await w.call('GET', `/broadcasts/${b.id}`))).runs as { id: string }[])[0]
    const retry = await w.call('POST', `/broadcasts/${b.id}/runs/${run?.id}/retry`)
    expect(retry.status).toBe(200)
    expect(await json(retry)).toEqual({ runId: run?.id, reset: 1 })
    expect(await w.tick()).toMatchObject({ sent: 1 })
    const again = await w.call('POST', `/broadcasts/${b.id}/runs/${run?.id}/retry`)
    expect(again.status).toBe(409)
    expect(await json(again)).toMatchObject({ error: 'nothing_to_retry' })
  })
})
