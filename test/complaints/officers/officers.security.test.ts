import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { utf8 } from '../../../src/core/bytes.js'
import { createOrg } from '../../../src/orgs/service.js'
import { Client, NORTH_SECRET, PASSWORD_B, seedAccount } from '../../admin/helpers.js'
import { DB_KINDS } from '../../helpers/db.js'
import { actions, addEvidence, fileCase, NOTIFY_ID, officerWorld, SENTINEL, type World } from './helpers.js'

// Conflict of interest, CSRF, roles and organizations: who cannot reach a case, and that the
// refusals leave the case as it was.

describe.each(DB_KINDS)('complaint officers: who may reach a case (%s)', (kind) => {
  let w: World
  beforeEach(async () => {
    w = await officerWorld(kind)
  })
  afterEach(() => w.t.close())

  it('an excluded officer cannot list, open, download from or act on the case', async () => {
    const c = await w.file({ named: true })
    const other = await w.file()
    const ev = await addEvidence(w.t, c.id, utf8('%PDF-1.4 test'), 'application/pdf', 'memo.pdf')
    const a0 = await w.as('a')
    await a0.get(`/admin/complaints/${c.id}`)
    expect((await a0.post(`/admin/complaints/${c.id}/exclusions`, { admin: w.officerB })).status).toBe(303)

    const b = await w.as('b')
    const list = await (await b.get('/admin/complaints?filter=all')).text()
    expect(list).not.toContain(c.code)
    expect(list).toContain(other.code)
    const open = await b.get(`/admin/complaints/${c.id}`)
    expect(open.status).toBe(403)
    const refusal = await open.text()
    expect(refusal).toContain('คุณถูกกันออกจากเรื่องนี้ (ผลประโยชน์ทับซ้อน)')
    expect(refusal).not.toContain(SENTINEL)
    expect((await b.get(`/admin/complaints/${c.id}/evidence/${ev}`)).status).toBe(403)
    expect((await b.get(`/admin/complaints/${c.id}/identity`)).status).toBe(403)
    await b.get('/admin/complaints') // a page with a CSRF token
    const posts: [string, Record<string, string>][] = [
      ['status', { to: 'acknowledged', outcome: '', message: 'x' }],
      ['messages', { message: 'x' }],
      ['exclusions', { admin: w.officerA }],
      ['reveal', { reason: 'x' }],
      ['reveal/any', { decision: 'approve' }],
    ]
    for (const [path, fields] of posts) {
      const res = await b.post(`/admin/complaints/${c.id}/${path}`, fields)
      expect(res.status, path).toBe(403)
    }
    expect(await w.status(c.id)).toBe('received')
    const seen = await w.follow(c)
    expect(seen.kind === 'ok' && seen.view.messages).toEqual([])
    const log = await actions(w.t)
    expect(log.filter((x) => x.action === 'complaint.officer_excluded')).toEqual([
      {
        action: 'complaint.officer_excluded',
        target: c.code,
        detail: 'officer-b@agency.go.th',
        actor: 'officer-a@agency.go.th',
      },
    ])
    expect(log.filter((x) => x.action === 'complaint.access_refused').length).toBe(8)
    expect(log.some((x) => x.action === 'complaint.evidence_downloaded')).toBe(false)
    // Officer A, not excluded, still works the case.
    const a = await w.as('a')
    expect((await a.get(`/admin/complaints/${c.id}`)).status).toBe(200)
  })

  it('posts without the CSRF token, or from another site, are refused and change nothing', async () => {
    const c = await w.file()
    const a = await w.as('a')
    await a.get(`/admin/complaints/${c.id}`)
    const f = { to: 'acknowledged', outcome: '', message: 'x' }
    expect((await a.post(`/admin/complaints/${c.id}/status`, f, { csrf: null })).status).toBe(403)
    expect((await a.post(`/admin/complaints/${c.id}/status`, f, { csrf: 'forged' })).status).toBe(403)
    expect(
      (await a.post(`/admin/complaints/${c.id}/status`, f, { origin: 'https://evil.example' })).status,
    ).toBe(403)
    expect(
      (await a.post(`/admin/complaints/${c.id}/exclusions`, { admin: w.officerB }, { csrf: null })).status,
    ).toBe(403)
    expect((await a.post(`/admin/complaints/${c.id}/reveal`, { reason: 'x' }, { csrf: null })).status).toBe(
      403,
    )
    expect(await w.status(c.id)).toBe('received')
    expect((await actions(w.t)).map((x) => x.action)).toEqual(['complaint.viewed'])
  })

  it('roles: broadcasters and auditors never reach cases; auditors see statistics', async () => {
    const c = await w.file()
    const news = await w.as('broadcaster')
    expect((await news.get('/admin/complaints')).status).toBe(403)
    expect((await news.get(`/admin/complaints/${c.id}`)).status).toBe(403)
    expect((await news.get('/admin/complaints/stats')).status).toBe(403)
    const auditor = await w.as('auditor')
    expect((await auditor.get('/admin/complaints')).status).toBe(403)
    expect((await auditor.get(`/admin/complaints/${c.id}`)).status).toBe(403)
    const home = await (await auditor.get('/admin/home')).text()
    expect(home).toContain('href="/admin/complaints/stats"')
    expect(home).not.toContain('href="/admin/complaints"')
    expect((await auditor.get('/admin/complaints/stats')).status).toBe(200)
    const officerHome = await (await (await w.as('a')).get('/admin/home')).text()
    expect(officerHome).toContain('href="/admin/complaints"')
    expect(await actions(w.t)).toEqual([])
  })

  it("another organization's officers cannot list, open or act on a case", async () => {
    const made = await createOrg(w.t.deps.db, w.t.deps.keyring, {
      slug: 'north',
      nameTh: 'สำนักงานภาคเหนือ',
      nameEn: 'Northern Office',
      channel: { channelSecret: NORTH_SECRET, accessToken: 'north-access-token-0123456789' },
    })
    if (!made.ok) throw new Error(made.reason)
    await seedAccount(w.t, 'north', 'officer@north.go.th', 'complaint_officer', PASSWORD_B)
    const c = await w.file({ notify: true })
    const ev = await addEvidence(w.t, c.id, utf8('x'), 'text/plain', 'a.txt')
    const northCase = await fileCase(w.t, { orgId: 'north' })
    const north = new Client(w.t, '192.0.2.99')
    await north.login('officer@north.go.th', PASSWORD_B)
    const list = await (await north.get('/admin/complaints?filter=all')).text()
    expect(list).not.toContain(c.code)
    expect(list).toContain(northCase.code)
    expect((await north.get(`/admin/complaints/${c.id}`)).status).toBe(404)
    expect((await north.get(`/admin/complaints/${c.id}/evidence/${ev}`)).status).toBe(404)
    const res = await north.post(`/admin/complaints/${c.id}/status`, {
      to: 'acknowledged',
      outcome: '',
      message: 'x',
    })
    expect(res.status).toBe(404)
    expect((await north.post(`/admin/complaints/${c.id}/exclusions`, { admin: w.officerA })).status).toBe(404)
    expect(await w.status(c.id)).toBe('received')
    // An officer of the default agency cannot be excluded from a north case either.
    await north.get(`/admin/complaints/${northCase.id}`)
    const cross = await north.post(`/admin/complaints/${northCase.id}/exclusions`, { admin: w.officerA })
    expect(await cross.text()).toContain('บัญชีนี้ไม่ใช่ผู้ดูแลเรื่องร้องเรียน')
  })

  it('logs carry no content, message text or LINE id', async () => {
    const c = await w.file({ notify: true, named: true })
    const a = await w.as('a')
    await a.get(`/admin/complaints/${c.id}`)
    await a.post(`/admin/complaints/${c.id}/status`, {
      to: 'acknowledged',
      outcome: '',
      message: 'ข้อความลับถึงผู้ร้อง',
    })
    await a.get(`/admin/complaints/${c.id}`)
    await a.post(`/admin/complaints/${c.id}/reveal`, { reason: 'เหตุผลลับเพื่อสอบปากคำ' })
    const logs = w.t.logs.join('\n')
    expect(logs).toContain('complaint.news')
    for (const secret of [SENTINEL, 'ข้อความลับถึงผู้ร้อง', 'เหตุผลลับ', NOTIFY_ID, 'นางสาวผู้แจ้ง', c.secret])
      expect(logs).not.toContain(secret)
    const audit = JSON.stringify(await actions(w.t))
    for (const secret of [SENTINEL, 'ข้อความลับถึงผู้ร้อง', 'เหตุผลลับ', NOTIFY_ID])
      expect(audit).not.toContain(secret)
  })
})
