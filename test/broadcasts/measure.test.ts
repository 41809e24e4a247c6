import { afterEach, describe, expect, it } from 'vitest'
import { saveAudience } from '../../src/broadcasts/audiences.js'
import { createDraft } from '../../src/broadcasts/service.js'
import { type ApiWorld, apiWorld, EXAMPLES, json } from '../api/helpers.js'
import type { TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { broadcastApp, countBroadcasts } from './console/broadcasts.fixture.js'

// Every broadcast serves a measure: a template brings its own, free text and Flex JSON
// must name one, in the service, the compose form and the API alike.

describe.each(DB_KINDS)('a broadcast names the measure it serves (%s)', (kind) => {
  let t: TestApp | undefined
  let w: ApiWorld | undefined
  afterEach(async () => {
    await t?.close()
    await w?.t.close()
    t = undefined
    w = undefined
  })

  it('the service: a template supplies its measure; free text needs one, and one that exists', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const deps = { db: t.deps.db, clock: t.clock, measures: t.deps.flows.measures.map((m) => m.id) }
    await saveAudience(
      t.deps.db,
      'default',
      'aud',
      'กองคลัง',
      [{ kind: 'label', value: 'กองคลัง' }],
      t.clock.now(),
    )
    const base = {
      title: 'ประกาศ',
      messages: [{ type: 'text' as const, text: 'ข้อความ' }],
      audience: 'aud',
      runAt: t.clock.now(),
      timeZone: 'Asia/Bangkok',
    }
    const nogift = await createDraft(deps, 'default', 'a', { ...base, template: 'nogift' })
    expect(nogift.ok && nogift.value.measure).toBe('nogift')
    const text = await createDraft(deps, 'default', 'a', { ...base, template: 'text' })
    expect(text.ok ? null : text.error).toMatchObject({
      code: 'measure_required',
      th: 'กรุณาเลือกมาตรการที่ข้อความนี้สนับสนุน เพื่อให้นับเป็นหลักฐานการดำเนินงาน (ITA)',
      en: 'Choose the measure this broadcast serves, so it counts as evidence (ITA).',
    })
    const unknown = await createDraft(deps, 'default', 'a', { ...base, template: 'flex', measure: 'nogit' })
    expect(unknown.ok ? null : unknown.error).toMatchObject({ code: 'unknown_measure', problems: ['nogit'] })
    const chosen = await createDraft(deps, 'default', 'a', { ...base, template: 'text', measure: 'ethics' })
    expect(chosen.ok && chosen.value.measure).toBe('ethics')
  })

  it('the compose form offers the measures and refuses free text without one', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const b = made.sender
    await b.get('/admin/broadcasts/new')
    expect(b.lastHtml).toContain('มาตรการที่ข้อความนี้สนับสนุน (ITA)')
    expect(b.lastHtml).toMatch(/<option value="nogift">มาตรการไม่รับของขวัญ/)
    const fields = {
      title: 'ประกาศ',
      content: 'text',
      text: 'ข้อความ',
      audienceKind: 'labels',
      labels: 'กองคลัง',
    }
    const refused = await b.post('/admin/broadcasts', fields)
    expect(refused.status).toBe(422)
    expect(b.lastHtml).toContain('กรุณาเลือกมาตรการที่ข้อความนี้สนับสนุน')
    expect(await countBroadcasts(t)).toBe(0)
    const saved = await b.post('/admin/broadcasts', { ...fields, measure: 'ethics' })
    expect(saved.status).toBe(303)
    const row = await t.deps.db.selectFrom('broadcasts').select('measure').executeTakeFirstOrThrow()
    expect(row.measure).toBe('ethics')
    await b.get(`${saved.headers.get('location')}/edit`)
    expect(b.lastHtml).toMatch(/<option value="ethics" selected="">/)
  })

  it('the API answers 422 with both messages for text without a measure, or with an unknown one', async () => {
    w = await apiWorld(kind)
    const aud = await json(await w.call('POST', '/audiences', { body: EXAMPLES.audience }))
    const body = { ...EXAMPLES.broadcast(String(aud.id), w.t.clock.now()), measure: undefined }
    const missing = await w.call('POST', '/broadcasts', { body })
    expect(missing.status).toBe(422)
    expect(await missing.json()).toEqual({
      error: 'measure_required',
      message:
        'กรุณาเลือกมาตรการที่ข้อความนี้สนับสนุน เพื่อให้นับเป็นหลักฐานการดำเนินงาน (ITA) / ' +
        'Choose the measure this broadcast serves, so it counts as evidence (ITA).',
    })
    const unknown = await w.call('POST', '/broadcasts', { body: { ...body, measure: 'nogit' } })
    expect(unknown.status).toBe(422)
    expect(await unknown.json()).toMatchObject({ error: 'unknown_measure', details: ['nogit'] })
  })
})
