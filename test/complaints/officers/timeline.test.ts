import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DB_KINDS } from '../../helpers/db.js'
import { officerWorld, type World } from './helpers.js'

// A case's history: what the day's entry wrote has the filing's day only (README "Complaints
// that a complainant can trust"), so it shows no time of day, and the rows keep the order they
// were written in, whatever a day-only "time" would say.

describe.each(DB_KINDS)('complaint officers: the case timeline (%s)', (kind) => {
  let w: World
  beforeEach(async () => {
    // 22 Nov 2569, 00:10 in Bangkok: filed just after midnight.
    w = await officerWorld(kind, { now: new Date('2026-11-21T17:10:00Z') })
  })
  afterEach(() => w.t.close())

  const rows = (page: string) =>
    [
      ...(page.match(/<table id="history">([\s\S]*?)<\/table>/)?.[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g),
    ].map((m) =>
      [...(m[1] ?? '').matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => (c[1] ?? '').replace(/<[^>]+>/g, '')),
    )

  it('received (a day, no time) comes before an acknowledgment at 04:56 of the same day', async () => {
    const c = await w.file()
    w.t.clock.set(new Date('2026-11-21T21:56:00Z')) // 04:56 in Bangkok, the same day
    const a = await w.as('a')
    await a.get(`/admin/complaints/${c.id}`)
    const res = await a.post(`/admin/complaints/${c.id}/status`, {
      to: 'acknowledged',
      outcome: '',
      message: 'รับเรื่องแล้ว',
    })
    expect(res.status).toBe(303)
    const history = rows(await (await a.get(`/admin/complaints/${c.id}`)).text())
    expect(history.map((r) => r.slice(0, 2))).toEqual([
      ['22 พ.ย. 2569', 'รับเรื่องแล้ว'],
      ['22 พ.ย. 2569 04:56 น.', 'ตอบรับเรื่องแล้ว'],
    ])
    const en = rows(await (await a.get(`/admin/complaints/${c.id}?lang=en`)).text())
    expect(en.map((r) => r[0])).toEqual(['22 Nov 2569 BE', '22 Nov 2569 BE 04:56'])
  })
})
