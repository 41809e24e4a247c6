import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DB_KINDS } from '../helpers/db.js'
import { type ApiWorld, apiWorld, EXAMPLES, GROUP_A, json } from './helpers.js'

const bigBubble = () => ({
  type: 'flex',
  altText: 'งบประมาณ',
  contents: {
    type: 'bubble',
    body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'ก'.repeat(31_000) }] },
  },
})

/** Thai and English, as the service's error values give them. */
const bilingual = /[\u0E00-\u0E7F].* \/ [A-Za-z]/

describe.each(DB_KINDS)('/api/v1 bad input changes nothing (%s)', (kind) => {
  let w: ApiWorld
  let audienceId: string
  beforeEach(async () => {
    w = await apiWorld(kind)
    audienceId = String((await json(await w.call('POST', '/audiences', { body: EXAMPLES.audience }))).id)
  })
  afterEach(async () => {
    await w.t.close()
  })

  /** Sends, checks status, code and a bilingual message, and that no table changed. */
  async function refused(
    req: () => Promise<Response>,
    status: number,
    error: string,
    detail?: RegExp,
  ): Promise<Record<string, unknown>> {
    const before = await w.snapshot()
    const res = await req()
    const body = await json(res)
    expect({ status: res.status, error: body.error }).toEqual({ status, error })
    expect(String(body.message)).toMatch(bilingual)
    if (detail) expect((body.details as string[]).join('\n')).toMatch(detail)
    expect(await w.snapshot()).toEqual(before)
    return body
  }

  const create = (over: Record<string, unknown>) => () =>
    w.call('POST', '/broadcasts', { body: { ...EXAMPLES.broadcast(audienceId, w.t.clock.now()), ...over } })
  const past = () => new Date(w.t.clock.now().getTime() - 3_600_000).toISOString()

  it('a malformed cron expression → 422 invalid_cron', async () => {
    await refused(create({ schedule: { cron: '0 9 * *' } }), 422, 'invalid_cron', /5 fields/)
    await refused(create({ schedule: { cron: '0 25 * * *' } }), 422, 'invalid_cron')
  })

  it('a preset that cannot be cron, an unknown time zone → 422 / 400', async () => {
    await refused(
      create({ schedule: { cron: '0 9 * * 1', timeZone: 'Asia/Atlantis' } }),
      422,
      'invalid_time_zone',
    )
    await refused(
      create({ schedule: { preset: { kind: 'monthly', day: 31, hour: 9, minute: 0 } } }),
      400,
      'invalid_request',
      /preset\.day/,
    )
  })

  it('a date in the past → 422 run_at_in_past', async () => {
    await refused(create({ schedule: { at: past() } }), 422, 'run_at_in_past')
  })

  it('an empty audience → 422 empty_audience, for a broadcast and for a new audience', async () => {
    const none = await json(
      await w.call('POST', '/audiences', { body: { name: 'ไม่มีใคร', labels: ['ไม่มีกลุ่มนี้'] } }),
    )
    expect(none.recipients).toBe(0)
    await refused(create({ audience: String(none.id) }), 422, 'empty_audience')
    await refused(create({ audience: 'all_followers' }), 422, 'empty_audience')
    await refused(() => w.call('POST', '/audiences', { body: { name: 'ว่าง' } }), 422, 'empty_audience')
  })

  it('Flex over LINE limits, six messages → 422 messages_over_limits with the problems', async () => {
    await refused(create({ messages: [bigBubble()] }), 422, 'messages_over_limits', /over 30 KB/)
    const six = Array(6).fill({ type: 'text', text: 'x' })
    await refused(create({ messages: six }), 422, 'messages_over_limits', /6 messages/)
  })

  it('invalid JSON, a wrong shape, an unknown group → 400 / 422, never 500', async () => {
    await refused(() => w.call('POST', '/broadcasts', { raw: '{"title": "x", ' }), 400, 'invalid_json')
    await refused(() => w.call('POST', '/broadcasts', { raw: '' }), 400, 'invalid_json')
    await refused(create({ title: undefined }), 400, 'invalid_request', /title/)
    await refused(create({ messages: [{ type: 'video' }] }), 400, 'invalid_request', /messages\.0/)
    await refused(create({ schedule: { at: 'tomorrow' } }), 400, 'invalid_request', /schedule/)
    const unknownGroup = { name: 'x', groupIds: [`C${'f'.repeat(32)}`] }
    await refused(
      () => w.call('POST', '/audiences', { body: unknownGroup }),
      422,
      'unknown_group',
      /groupIds\.0/,
    )
  })

  it('a missing, malformed, unknown or revoked token → 401', async () => {
    const forged = w.token.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'))
    for (const token of [null, 'not-a-token', forged, w.revokedToken]) {
      const body = await refused(
        () => w.call('POST', '/broadcasts', { token, body: EXAMPLES.broadcast(audienceId, w.t.clock.now()) }),
        401,
        'unauthorized',
      )
      expect(body).not.toHaveProperty('details')
      expect((await w.call('GET', '/broadcasts', { token })).status).toBe(401)
    }
  })

  it("another organization's token sees none of this organization's rows", async () => {
    const b = await json(
      await w.call('POST', '/broadcasts', { body: EXAMPLES.broadcast(audienceId, w.t.clock.now()) }),
    )
    await w.call('POST', `/broadcasts/${b.id}/schedule`)
    await w.tick()
    const run = ((await json(await w.call('GET', `/broadcasts/${b.id}`))).runs as { id: string }[])[0]
    const as = (method: string, path: string, body?: unknown) => () =>
      w.call(method, path, { token: w.northToken, ...(body ? { body } : {}) })
    await refused(as('GET', `/broadcasts/${b.id}`), 404, 'not_found')
    await refused(as('POST', `/broadcasts/${b.id}/schedule`), 404, 'not_found')
    await refused(as('POST', `/broadcasts/${b.id}/cancel`), 404, 'not_found')
    await refused(as('GET', `/broadcasts/${b.id}/runs/${run?.id}/deliveries`), 404, 'not_found')
    await refused(as('POST', `/broadcasts/${b.id}/runs/${run?.id}/retry`), 404, 'not_found')
    // Its own org's audience id space: another agency's audience resolves to nobody.
    await refused(
      as('POST', '/broadcasts', EXAMPLES.broadcast(audienceId, w.t.clock.now())),
      422,
      'empty_audience',
    )
    await refused(as('POST', '/audiences', { name: 'x', groupIds: [GROUP_A] }), 422, 'unknown_group')
    expect(await json(await w.call('GET', '/broadcasts', { token: w.northToken }))).toEqual({ items: [] })
    const audiences = await json(await w.call('GET', '/audiences', { token: w.northToken }))
    expect(audiences).toEqual({ items: [] })
  })

  it('a state that forbids the operation → 409, and unknown ids → 404', async () => {
    const b = await json(
      await w.call('POST', '/broadcasts', { body: EXAMPLES.broadcast(audienceId, w.t.clock.now()) }),
    )
    await refused(() => w.call('POST', `/broadcasts/${b.id}/cancel`), 409, 'not_cancellable')
    await w.call('POST', `/broadcasts/${b.id}/schedule`)
    await refused(() => w.call('POST', `/broadcasts/${b.id}/schedule`), 409, 'not_editable')
    await refused(() => w.call('GET', '/broadcasts/nope'), 404, 'not_found')
    await refused(() => w.call('GET', `/broadcasts/${b.id}/runs/nope/deliveries`), 404, 'not_found')
  })
})
