import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { utf8 } from '../../../src/core/bytes.js'
import { DB_KINDS } from '../../helpers/db.js'
import { ownerMakesOfficer } from './grants-helpers.js'
import { actions, addEvidence, DAY_MS, officerWorld, SENTINEL, type World } from './helpers.js'

// Only complaint officers reach cases: the owner (and every other role) gets a Thai 403 with no
// case data on every case route, and an account the owner makes cannot approve a reveal or open
// a case someone was excluded from until it has held the role for the tenure (7 days).

const OFFICERS_ONLY = 'เฉพาะเจ้าหน้าที่รับเรื่องร้องเรียนเท่านั้นที่เปิดอ่านและดำเนินการกับเรื่องร้องเรียนได้'
const NAME = 'นางสาวผู้แจ้ง'
const REASON = 'เหตุผลเฉพาะของคำขอ'

const requests = (w: World, caseId: string) =>
  w.t.deps.db
    .selectFrom('complaint_reveal_requests')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('requested_at')
    .execute()

describe.each(DB_KINDS)('complaint officers: only officers reach cases (%s)', (kind) => {
  let w: World
  beforeEach(async () => {
    w = await officerWorld(kind)
  })
  afterEach(() => w.t.close())

  it('the owner gets a Thai 403 without case data on every case route, and keeps the statistics', async () => {
    const c = await w.file({ named: true, notify: true })
    const ev = await addEvidence(w.t, c.id, utf8('%PDF-1.4 memo'), 'application/pdf', 'memo.pdf')
    const a = await w.as('a')
    await a.get(`/admin/complaints/${c.id}`)
    await a.post(`/admin/complaints/${c.id}/reveal`, { reason: REASON })
    const [req] = await requests(w, c.id)
    if (!req) throw new Error('no request')
    const before = (await actions(w.t)).length

    for (const who of ['owner', 'broadcaster', 'auditor'] as const) {
      const client = await w.as(who)
      await client.get('/admin/home') // a page with a CSRF token, so only the role is refused
      const gets = [
        '/admin/complaints',
        '/admin/complaints?filter=all',
        `/admin/complaints/${c.id}`,
        `/admin/complaints/${c.id}/evidence/${ev}`,
        `/admin/complaints/${c.id}/identity`,
      ]
      const posts: [string, Record<string, string>][] = [
        ['status', { from: 'received', to: 'acknowledged', outcome: '', message: 'x' }],
        ['messages', { message: 'x' }],
        ['exclusions', { admin: w.officerB }],
        ['reveal', { reason: 'x' }],
        [`reveal/${req.id}`, { decision: 'approve' }],
        [`reveal/${req.id}`, { decision: 'reject' }],
      ]
      const answers: [string, Response][] = []
      for (const p of gets) answers.push([p, await client.get(p)])
      for (const [p, f] of posts) answers.push([p, await client.post(`/admin/complaints/${c.id}/${p}`, f)])
      for (const [path, res] of answers) {
        expect(res.status, `${who} ${path}`).toBe(403)
        expect(res.headers.get('content-type'), path).toContain('text/html')
        const body = await res.text()
        expect(body, path).toContain(OFFICERS_ONLY)
        for (const secret of [SENTINEL, c.code, NAME, REASON, 'memo.pdf', 'PDF-1.4'])
          expect(body, `${who} ${path}`).not.toContain(secret)
      }
      // The console does not point there either.
      expect(await (await client.get('/admin/home')).text()).not.toContain('href="/admin/complaints"')
    }

    // Nothing changed, and the refusals wrote nothing about the case.
    expect(await w.status(c.id)).toBe('received')
    expect((await requests(w, c.id)).map((r) => r.status)).toEqual(['pending'])
    expect((await actions(w.t)).length).toBe(before)
    const seen = await w.follow(c)
    expect(seen.kind === 'ok' && seen.view.messages).toEqual([])

    // Aggregates only: the owner still reads the O29 statistics and their CSV.
    const owner = await w.as('owner')
    const stats = await owner.get('/admin/complaints/stats')
    expect(stats.status).toBe(200)
    const page = await stats.text()
    expect(page).not.toContain(c.code)
    expect(page).not.toContain(SENTINEL)
    expect((await owner.get('/admin/complaints/stats.csv')).status).toBe(200)
    expect(await (await owner.get('/admin/home')).text()).toContain('href="/admin/complaints/stats"')
  })

  it("the owner's create-officer, approve, read-identity chain stops at the approval", async () => {
    const c = await w.file({ named: true, notify: true })
    // An owner cannot ask for the identity itself any more.
    const owner = await w.as('owner')
    await owner.get('/admin/home')
    expect((await owner.post(`/admin/complaints/${c.id}/reveal`, { reason: 'x' })).status).toBe(403)

    // It makes one officer account to ask and a second one to approve.
    const x = await (await ownerMakesOfficer(w, 'x@agency.go.th', '192.0.2.71')).signIn()
    const y = await (await ownerMakesOfficer(w, 'y@agency.go.th', '192.0.2.72')).signIn()
    await x.get(`/admin/complaints/${c.id}`)
    expect((await x.post(`/admin/complaints/${c.id}/reveal`, { reason: REASON })).status).toBe(303)
    const [req] = await requests(w, c.id)
    if (!req) throw new Error('no request')

    const page = await (await y.get(`/admin/complaints/${c.id}`)).text()
    expect(page).not.toContain('id="approve-reveal"')
    expect(page).toContain('จึงยังอนุมัติคำขอเปิดเผยตัวตนไม่ได้')
    const approve = await y.post(`/admin/complaints/${c.id}/reveal/${req.id}`, { decision: 'approve' })
    expect(approve.status).toBe(422)
    const refusal = await approve.text()
    expect(refusal).toContain('บัญชีของท่านได้รับสิทธิ์เจ้าหน้าที่รับเรื่องร้องเรียนมาไม่ถึง 7 วัน')
    // From the grant (22 Nov 2026, 10:00 Bangkok) plus 7 days, in the Buddhist era.
    expect(refusal).toContain('ทำได้ตั้งแต่ 29 พ.ย. 2569 10:00 น.')
    expect(refusal).not.toContain(NAME)

    for (const who of [x, y]) {
      const res = await who.get(`/admin/complaints/${c.id}/identity`)
      expect(res.status).toBe(403)
      expect(await res.text()).not.toContain(NAME)
    }
    expect((await requests(w, c.id)).map((r) => r.status)).toEqual(['pending'])
    const seen = await w.follow(c)
    expect(seen.kind === 'ok' && seen.view.messages).toEqual([])
    expect(w.line.calls.filter((x) => x.op === 'push')).toEqual([])
    expect((await actions(w.t)).map((e) => e.action)).not.toContain('complaint.reveal_approved')

    // A genuine officer may approve it: the owner's accounts were the only obstacle.
    const a = await w.as('a')
    await a.get(`/admin/complaints/${c.id}`)
    const ok = await a.post(`/admin/complaints/${c.id}/reveal/${req.id}`, { decision: 'approve' })
    expect(ok.headers.get('location')).toBe(`/admin/complaints/${c.id}?m=approvedTold`)
  })

  it('an officer excluded from a case cannot reach it through a freshly made account', async () => {
    const c = await w.file({ named: true })
    const other = await w.file()
    const ev = await addEvidence(w.t, c.id, utf8('%PDF-1.4 memo'), 'application/pdf', 'memo.pdf')
    const a = await w.as('a')
    await a.get(`/admin/complaints/${c.id}`)
    expect((await a.post(`/admin/complaints/${c.id}/exclusions`, { admin: w.officerB })).status).toBe(303)

    const made = await ownerMakesOfficer(w, 'b-again@agency.go.th')
    const z = await made.signIn()
    const open = await z.get(`/admin/complaints/${c.id}`)
    expect(open.status).toBe(403)
    const body = await open.text()
    expect(body).toContain('จึงยังเปิดเรื่องที่มีการกันเจ้าหน้าที่ออกไม่ได้ ทำได้ตั้งแต่ 29 พ.ย. 2569 10:00 น.')
    expect(body).not.toContain(SENTINEL)
    expect((await z.get(`/admin/complaints/${c.id}/evidence/${ev}`)).status).toBe(403)
    expect((await z.get(`/admin/complaints/${c.id}/identity`)).status).toBe(403)
    await z.get(`/admin/complaints/${other.id}`) // a case nobody was excluded from opens
    expect(z.lastHtml).toContain(SENTINEL)
    for (const [path, fields] of [
      ['status', { to: 'acknowledged', outcome: '', message: 'x' }],
      ['messages', { message: 'x' }],
      ['exclusions', { admin: w.officerA }],
      ['reveal', { reason: 'x' }],
    ] as const) {
      const res = await z.post(`/admin/complaints/${c.id}/${path}`, fields)
      expect(res.status, path).toBe(403)
    }
    expect(await w.status(c.id)).toBe('received')
    const refused = (await actions(w.t)).filter((e) => e.action === 'complaint.access_refused')
    expect(refused.every((e) => e.detail === 'tenure' && e.actor === 'b-again@agency.go.th')).toBe(true)
    expect(refused.length).toBe(7)

    // The wait is the other officers' window: by then officer A has excluded the new account too.
    await a.get(`/admin/complaints/${c.id}`)
    expect((await a.post(`/admin/complaints/${c.id}/exclusions`, { admin: made.id })).status).toBe(303)
    w.t.clock.advance(8 * DAY_MS)
    const later = await made.signInAgain()
    const again = await later.get(`/admin/complaints/${c.id}`)
    expect(again.status).toBe(403)
    expect(await again.text()).toContain('คุณถูกกันออกจากเรื่องนี้')
  })

  it('the database refuses a complaint officer without the time of the grant', async () => {
    const set = (role: 'complaint_officer' | 'auditor') =>
      w.t.deps.db
        .updateTable('admin_accounts')
        .set({ role, officer_since: null })
        .where('email', '=', 'auditor@agency.go.th')
        .execute()
    await expect(set('complaint_officer')).rejects.toThrow(/admin_accounts_officer_since/)
    await expect(set('auditor')).resolves.toBeDefined()
  })
})
