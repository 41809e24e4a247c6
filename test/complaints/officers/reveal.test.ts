import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DB_KINDS } from '../../helpers/db.js'
import { actions, NOTIFY_ID, officerWorld, type World } from './helpers.js'

// A named complainant's identity: a request with a reason, a second officer's approval, the
// complainant told first (thread + LINE notice), then shown only to those two, every step audited.

const requests = (w: World, caseId: string) =>
  w.t.deps.db
    .selectFrom('complaint_reveal_requests')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('requested_at')
    .execute()

describe.each(DB_KINDS)('complaint officers: identity reveal (%s)', (kind) => {
  let w: World
  beforeEach(async () => {
    w = await officerWorld(kind)
  })
  afterEach(() => w.t.close())

  it('needs a second officer, tells the complainant first, then shows the identity to the two', async () => {
    const c = await w.file({ named: true, notify: true })
    const a = await w.as('a')
    const before = await (await a.get(`/admin/complaints/${c.id}`)).text()
    expect(before).not.toContain('นางสาวผู้แจ้ง')
    expect((await a.post(`/admin/complaints/${c.id}/reveal`, { reason: 'ต้องเชิญมาให้ถ้อยคำ' })).status).toBe(303)
    const [req] = await requests(w, c.id)
    if (!req) throw new Error('no request')
    expect(req.status).toBe('pending')

    // The requester cannot approve their own request, nor see the identity.
    const page = await (await a.get(`/admin/complaints/${c.id}`)).text()
    expect(page).not.toContain('id="approve-reveal"')
    const self = await a.post(`/admin/complaints/${c.id}/reveal/${req.id}`, { decision: 'approve' })
    expect(self.status).toBe(422)
    expect(await self.text()).toContain('ผู้ขอพิจารณาคำขอของตนเองไม่ได้')
    expect((await a.get(`/admin/complaints/${c.id}/identity`)).status).toBe(403)
    const second = await a.post(`/admin/complaints/${c.id}/reveal`, { reason: 'อีกครั้ง' })
    expect(await second.text()).toContain('มีคำขอที่รอพิจารณาอยู่แล้ว')
    expect(w.line.calls).toEqual([])

    const b = await w.as('b')
    expect(await (await b.get(`/admin/complaints/${c.id}`)).text()).toContain('id="approve-reveal"')
    const ok = await b.post(`/admin/complaints/${c.id}/reveal/${req.id}`, { decision: 'approve' })
    expect(ok.headers.get('location')).toBe(`/admin/complaints/${c.id}?m=approvedTold`)
    // Told: the thread has the notice with the reason, and LINE carried the case code only.
    const seen = await w.follow(c)
    expect(seen.kind === 'ok' && seen.view.messages.map((m) => m.text)).toEqual([
      expect.stringContaining('เหตุผล: ต้องเชิญมาให้ถ้อยคำ'),
    ])
    const pushes = w.line.calls.filter((x) => x.op === 'push')
    expect(pushes.map((p) => p.op === 'push' && p.to)).toEqual([NOTIFY_ID])
    expect(JSON.stringify(pushes[0])).toContain(c.code)
    expect(JSON.stringify(pushes[0])).not.toContain('ต้องเชิญ')
    const [done] = await requests(w, c.id)
    expect(done?.status).toBe('approved')
    expect(done?.complainant_told_at).not.toBeNull()

    for (const who of [a, b]) {
      const shown = await who.get(`/admin/complaints/${c.id}/identity`)
      expect(shown.status).toBe(200)
      expect(await shown.text()).toContain('นางสาวผู้แจ้ง ตัวอย่าง')
    }
    // Nobody else sees it: not the owner (no case route at all), nor an officer not party to it.
    expect((await (await w.as('owner')).get(`/admin/complaints/${c.id}/identity`)).status).toBe(403)
    expect(
      (await actions(w.t)).filter(
        (x) => x.action.startsWith('complaint.reveal') || x.action === 'complaint.identity_viewed',
      ),
    ).toEqual([
      {
        action: 'complaint.reveal_requested',
        target: c.code,
        detail: req.id,
        actor: 'officer-a@agency.go.th',
      },
      {
        action: 'complaint.reveal_approved',
        target: c.code,
        detail: req.id,
        actor: 'officer-b@agency.go.th',
      },
      {
        action: 'complaint.identity_viewed',
        target: c.code,
        detail: req.id,
        actor: 'officer-a@agency.go.th',
      },
      {
        action: 'complaint.identity_viewed',
        target: c.code,
        detail: req.id,
        actor: 'officer-b@agency.go.th',
      },
    ])
  })

  it('while LINE cannot tell the complainant, the approved identity stays hidden', async () => {
    const c = await w.file({ named: true, notify: true })
    const a = await w.as('a')
    await a.get(`/admin/complaints/${c.id}`)
    await a.post(`/admin/complaints/${c.id}/reveal`, { reason: 'สอบข้อเท็จจริง' })
    const [req] = await requests(w, c.id)
    const b = await w.as('b')
    await b.get(`/admin/complaints/${c.id}`)
    w.line.script.push(
      { kind: 'unavailable', status: 503, detail: 'down' },
      { kind: 'unavailable', status: 503, detail: 'down' },
    )
    const res = await b.post(`/admin/complaints/${c.id}/reveal/${req?.id}`, { decision: 'approve' })
    expect(res.headers.get('location')).toContain('n=failed')
    const hidden = await b.get(`/admin/complaints/${c.id}/identity`)
    expect(hidden.status).toBe(422)
    expect(await hidden.text()).not.toContain('นางสาวผู้แจ้ง')
    // LINE is back: the next attempt sends the notice again under the same retry key, then shows it.
    const shown = await b.get(`/admin/complaints/${c.id}/identity`)
    expect(shown.status).toBe(200)
    expect(await shown.text()).toContain('นางสาวผู้แจ้ง')
    const keys = w.line.calls.flatMap((x) => (x.op === 'push' ? [x.opts.retryKey] : []))
    expect(keys).toHaveLength(3)
    expect(new Set(keys).size).toBe(1)
  })

  it('a rejection is recorded; anonymous complaints have nothing to reveal', async () => {
    const c = await w.file({ named: true })
    const a = await w.as('a')
    await a.get(`/admin/complaints/${c.id}`)
    await a.post(`/admin/complaints/${c.id}/reveal`, { reason: 'ไม่จำเป็นจริง' })
    const [req] = await requests(w, c.id)
    const b = await w.as('b')
    await b.get(`/admin/complaints/${c.id}`)
    const res = await b.post(`/admin/complaints/${c.id}/reveal/${req?.id}`, { decision: 'reject' })
    expect(res.headers.get('location')).toBe(`/admin/complaints/${c.id}?m=rejectedDone`)
    const [done] = await requests(w, c.id)
    expect(done).toMatchObject({ status: 'rejected', decided_by: w.officerB, complainant_told_at: null })
    expect((await b.get(`/admin/complaints/${c.id}/identity`)).status).toBe(403)
    const again = await b.post(`/admin/complaints/${c.id}/reveal/${req?.id}`, { decision: 'approve' })
    expect(await again.text()).toContain('คำขอนี้ได้รับการพิจารณาแล้ว')
    const seen = await w.follow(c)
    expect(seen.kind === 'ok' && seen.view.messages).toEqual([])
    expect((await actions(w.t)).map((x) => x.action)).toContain('complaint.reveal_rejected')

    const anon = await w.file()
    await a.get(`/admin/complaints/${anon.id}`)
    expect(await (await a.get(`/admin/complaints/${anon.id}`)).text()).not.toContain('id="request-reveal"')
    const refused = await a.post(`/admin/complaints/${anon.id}/reveal`, { reason: 'x' })
    expect(await refused.text()).toContain('ผู้ร้องเรียนเรื่องนี้ไม่ระบุตัวตน')
  })

  it('the database refuses a request decided by its own requester', async () => {
    const c = await w.file({ named: true })
    const at = w.t.clock.now()
    const row = {
      id: crypto.randomUUID(),
      org_id: 'default',
      case_id: c.id,
      requested_by: w.officerA,
      reason: 'x',
      requested_at: at,
    }
    await w.t.deps.db.insertInto('complaint_reveal_requests').values(row).execute()
    await expect(
      w.t.deps.db
        .updateTable('complaint_reveal_requests')
        .set({ status: 'approved', decided_by: w.officerA, decided_at: at })
        .where('id', '=', row.id)
        .execute(),
    ).rejects.toThrow(/complaint_reveal_second/)
  })
})
