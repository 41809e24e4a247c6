import { afterEach, describe, expect, it } from 'vitest'
import { tenure } from '../../../src/complaints/officers/tenure.js'
import { parseConfig } from '../../../src/config.js'
import { DB_KINDS } from '../../helpers/db.js'
import { shippedFlows } from '../../helpers/flows.js'
import { ownerMakesOfficer } from './grants-helpers.js'
import { DAY_MS, officerWorld, type World } from './helpers.js'

// A new officer's wait, to the hour on the injected clock: 6 days 23 hours refuses, 7 days
// allows; COMPLAINT_OFFICER_TENURE_DAYS moves it and cannot go below what the promise says.

const HOUR_MS = 3_600_000

const pendingRequest = async (w: World, caseId: string) => {
  const row = await w.t.deps.db
    .selectFrom('complaint_reveal_requests')
    .select('id')
    .where('case_id', '=', caseId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow()
  return row.id
}

describe.each(DB_KINDS)('complaint officers: a new officer waits (%s)', (kind) => {
  let w: World
  afterEach(() => w.t.close())

  it('cannot approve a reveal at 6 days 23 hours, may at 7 days', async () => {
    w = await officerWorld(kind)
    const start = w.t.clock.now()
    const c = await w.file({ named: true })
    const made = await ownerMakesOfficer(w, 'c@agency.go.th')
    await made.signIn()
    const a = await w.as('a')
    await a.get(`/admin/complaints/${c.id}`)
    await a.post(`/admin/complaints/${c.id}/reveal`, { reason: 'เชิญมาให้ถ้อยคำ' })
    const rid = await pendingRequest(w, c.id)

    w.t.clock.set(new Date(start.getTime() + 7 * DAY_MS - HOUR_MS))
    const early = await made.signInAgain()
    await early.get(`/admin/complaints/${c.id}`)
    const refused = await early.post(`/admin/complaints/${c.id}/reveal/${rid}`, { decision: 'approve' })
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('ทำได้ตั้งแต่ 29 พ.ย. 2569 10:00 น.')
    expect(await pendingRequest(w, c.id)).toBe(rid)

    w.t.clock.set(new Date(start.getTime() + 7 * DAY_MS))
    const onTime = await made.signInAgain()
    const page = await (await onTime.get(`/admin/complaints/${c.id}`)).text()
    expect(page).toContain('id="approve-reveal"')
    const ok = await onTime.post(`/admin/complaints/${c.id}/reveal/${rid}`, { decision: 'approve' })
    expect(ok.headers.get('location')).toBe(`/admin/complaints/${c.id}?m=approvedTold`)
  })

  it('may reject at once; the English console says when it may approve', async () => {
    w = await officerWorld(kind)
    const c = await w.file({ named: true })
    const made = await ownerMakesOfficer(w, 'd@agency.go.th')
    const d = await made.signIn()
    const a = await w.as('a')
    await a.get(`/admin/complaints/${c.id}`)
    await a.post(`/admin/complaints/${c.id}/reveal`, { reason: 'x' })
    const rid = await pendingRequest(w, c.id)
    await d.get(`/admin/complaints/${c.id}?lang=en`)
    const en = await d.post(`/admin/complaints/${c.id}/reveal/${rid}?lang=en`, { decision: 'approve' })
    expect(await en.text()).toContain('It may from 29 Nov 2569 BE 10:00.')
    const rejected = await d.post(`/admin/complaints/${c.id}/reveal/${rid}`, { decision: 'reject' })
    expect(rejected.headers.get('location')).toBe(`/admin/complaints/${c.id}?m=rejectedDone`)
  })

  it('COMPLAINT_OFFICER_TENURE_DAYS=14 keeps a 7-day officer waiting', async () => {
    w = await officerWorld(kind, { env: { COMPLAINT_OFFICER_TENURE_DAYS: '14' } })
    const start = w.t.clock.now()
    const c = await w.file({ named: true })
    const made = await ownerMakesOfficer(w, 'e@agency.go.th')
    await made.signIn()
    const a = await w.as('a')
    await a.get(`/admin/complaints/${c.id}`)
    await a.post(`/admin/complaints/${c.id}/reveal`, { reason: 'x' })
    const rid = await pendingRequest(w, c.id)
    w.t.clock.set(new Date(start.getTime() + 8 * DAY_MS))
    const e = await made.signInAgain()
    await e.get(`/admin/complaints/${c.id}`)
    const res = await e.post(`/admin/complaints/${c.id}/reveal/${rid}`, { decision: 'approve' })
    expect(res.status).toBe(422)
    const text = await res.text()
    expect(text).toContain('มาไม่ถึง 14 วัน')
    expect(text).toContain('ทำได้ตั้งแต่ 6 ธ.ค. 2569 10:00 น.')
  })
})

describe('COMPLAINT_OFFICER_TENURE_DAYS and the promise', () => {
  it('defaults to 7; under 7, or not a whole number, stops the start naming the variable', () => {
    const ok = parseConfig({ NODE_ENV: 'test' })
    expect(ok.ok && ok.config.env.COMPLAINT_OFFICER_TENURE_DAYS).toBe(7)
    for (const bad of ['6', '0', '-1', 'seven', '7.5', '91']) {
      const r = parseConfig({ NODE_ENV: 'test', COMPLAINT_OFFICER_TENURE_DAYS: bad })
      expect(r.ok, bad).toBe(false)
      expect(!r.ok && r.errors.join(' '), bad).toContain('COMPLAINT_OFFICER_TENURE_DAYS')
    }
    const six = parseConfig({ NODE_ENV: 'test', COMPLAINT_OFFICER_TENURE_DAYS: '6' })
    expect(!six.ok && six.errors.join(' ')).toContain('at least 7')
  })

  it('the boundary is exact to the millisecond', () => {
    const since = new Date('2026-11-22T03:00:00Z')
    const at = (ms: number) => tenure(since, 7, new Date(since.getTime() + ms))
    expect(at(7 * DAY_MS - 1).ok).toBe(false)
    expect(at(7 * DAY_MS).ok).toBe(true)
    expect(tenure(undefined, 7, since).ok).toBe(false)
  })

  it('the promise names complaint officers alone, the second officer of at least 7 days, and the announcement', () => {
    const vars = { ackDays: '7', feedbackDays: '90', draftMinutes: '60' }
    const [promise] = shippedFlows().render('complaint.promise', vars)
    const text = promise?.type === 'text' ? promise.text : ''
    expect(text).toContain('เฉพาะเจ้าหน้าที่รับเรื่องร้องเรียนเท่านั้น ผู้ดูแลระบบหรือบัญชีอื่นใดเปิดอ่านไม่ได้')
    expect(text).toContain('เจ้าหน้าที่อีกคนที่เป็นเจ้าหน้าที่มาแล้วอย่างน้อย 7 วันอนุมัติ')
    expect(text).toContain('ระบบแจ้งให้เจ้าหน้าที่คนอื่นทราบ')
    expect(text).not.toContain('ที่ได้รับมอบหมาย')
    const [en] = shippedFlows().render('complaint.promise', vars, { lang: 'en' })
    expect(en?.type === 'text' && en.text).toContain(
      'Only complaint officers read a complaint; system administrators and other accounts cannot.',
    )
    expect(text.length).toBeLessThanOrEqual(5000)
  })
})
