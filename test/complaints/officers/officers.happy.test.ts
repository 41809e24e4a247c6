import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DB_KINDS } from '../../helpers/db.js'
import { actions, addEvidence, NOTIFY_ID, officerWorld, SENTINEL, type World } from './helpers.js'

// An officer works a case from the list to closing it; the complainant reads every step with
// the code and secret, and a complainant who asked for notices gets the case code only.

describe.each(DB_KINDS)('complaint officers: the case flow (%s)', (kind) => {
  let w: World
  beforeEach(async () => {
    w = await officerWorld(kind)
  })
  afterEach(() => w.t.close())

  it('lists cases by deadline without content, Buddhist-era dates, overdue highlighted', async () => {
    const old = await w.file({ category: 'bribery' })
    w.t.clock.advance(9 * 86_400_000) // 1 Dec 2026: the first case's acknowledgement is overdue
    const fresh = await w.file({ channel: 'web' })
    const a = await w.as('a')
    const res = await a.get('/admin/complaints')
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page).not.toContain(SENTINEL)
    expect(page).not.toContain('กองพัสดุ')
    const rows = [...page.matchAll(/<tr class="case([^"]*)" data-code="([^"]+)"/g)].map((m) => [
      m[2],
      m[1]?.trim(),
    ])
    expect(rows).toEqual([
      [old.code, 'overdue'],
      [fresh.code, ''],
    ])
    expect(page).toContain('เลยกำหนดตอบรับ')
    expect(page).toContain('29 พ.ย. 2569') // ack due of the first case
    expect(page).toContain('สินบน/เรียกรับเงิน') // category label from flows
    expect(page).toContain('แบบฟอร์มเว็บ')
    const en = await (await a.get('/admin/complaints?lang=en')).text()
    expect(en).toContain('29 Nov 2569 BE')
    expect(en).toContain('Acknowledgement overdue')
  })

  it('opening a case is an audited read showing content, thread, evidence and history', async () => {
    const c = await w.file()
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9])
    const ev = await addEvidence(w.t, c.id, jpeg, 'image/jpeg', 'ใบเสร็จ.jpg')
    const a = await w.as('a')
    const page = await (await a.get(`/admin/complaints/${c.id}`)).text()
    expect(page).toContain(SENTINEL)
    // Shown by its place in the case, never by the name the complainant's file had.
    expect(page).toContain('หลักฐาน-1.jpg')
    expect(page).not.toContain('ใบเสร็จ')
    expect(page).toContain('รับเรื่องแล้ว')
    const file = await a.get(`/admin/complaints/${c.id}/evidence/${ev}`)
    expect(file.status).toBe(200)
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(jpeg)
    expect(file.headers.get('content-type')).toBe('image/jpeg')
    expect(file.headers.get('content-disposition')).toMatch(
      /^attachment; filename="evidence-1\.jpg"; filename\*=UTF-8''%E0%B8%AB%E0%B8%A5.*-1\.jpg$/,
    )
    expect(file.headers.get('x-content-type-options')).toBe('nosniff')
    expect(file.headers.get('cache-control')).toContain('no-store')
    expect(await actions(w.t)).toEqual([
      { action: 'complaint.viewed', target: c.code, detail: null, actor: 'officer-a@agency.go.th' },
      {
        action: 'complaint.evidence_downloaded',
        target: c.code,
        detail: ev,
        actor: 'officer-a@agency.go.th',
      },
    ])
  })

  it('received → acknowledged → under review → investigating → closed, each told to the complainant', async () => {
    const c = await w.file({ notify: true })
    const steps = [
      ['acknowledged', '', 'รับเรื่องของท่านแล้ว'],
      ['under_review', '', 'อยู่ระหว่างพิจารณาข้อเท็จจริงเบื้องต้น'],
      ['investigating', '', 'ตั้งคณะกรรมการตรวจสอบแล้ว'],
      ['closed', 'substantiated', 'ผลการตรวจสอบพบว่ามีมูล ได้ดำเนินการทางวินัยแล้ว'],
    ] as const
    for (const [to, outcome, message] of steps) {
      // One step a day, each in a new session (sessions idle out after 30 minutes).
      const a = await w.as('a')
      await a.get(`/admin/complaints/${c.id}`)
      const res = await a.post(`/admin/complaints/${c.id}/status`, { to, outcome, message })
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe(`/admin/complaints/${c.id}?m=saved&n=sent`)
      w.t.clock.advance(86_400_000)
    }
    const seen = await w.follow(c)
    if (seen.kind !== 'ok') throw new Error(seen.kind)
    expect(seen.view.status).toBe('closed')
    expect(seen.view.outcome).toBe('substantiated')
    expect(seen.view.messages.map((m) => [m.author, m.text])).toEqual(steps.map((s) => ['officer', s[2]]))

    const row = await w.t.deps.db
      .selectFrom('complaint_cases')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow()
    expect(row.acknowledged_on).toBe('2026-11-22')
    expect(row.closed_on).toBe('2026-11-25')
    expect(row.notify_to).toBeNull()
    expect(row.expires_on).toBe('2031-11-24') // closed_on + COMPLAINT_RETENTION_DAYS (1825)

    // Four notices, to the complainant's LINE id, each with the case code and nothing else.
    const pushes = w.line.calls.filter((x) => x.op === 'push')
    expect(pushes).toHaveLength(4)
    for (const p of pushes) {
      if (p.op !== 'push') continue
      expect(p.to).toBe(NOTIFY_ID)
      const text = JSON.stringify(p.messages)
      expect(text).toContain(c.code)
      for (const s of steps) expect(text).not.toContain(s[2])
      expect(text).not.toContain(SENTINEL)
    }
    expect(new Set(pushes.map((p) => (p.op === 'push' ? p.opts.retryKey : '')))).toHaveProperty('size', 4)

    const history = await (await (await w.as('a')).get(`/admin/complaints/${c.id}`)).text()
    expect(history).toContain('ปิดเรื่อง (มีมูล)')
    expect(history).not.toContain('id="status-form"')
    const audited = (await actions(w.t)).filter((x) => x.action === 'complaint.status_changed')
    expect(audited.map((x) => x.detail)).toEqual([
      'received>acknowledged',
      'acknowledged>under_review',
      'under_review>investigating',
      'investigating>closed',
    ])
  })

  it('a message without a status change reaches the complainant; no LINE id, no push', async () => {
    const c = await w.file()
    const b = await w.as('b')
    await b.get(`/admin/complaints/${c.id}`)
    const res = await b.post(`/admin/complaints/${c.id}/messages`, { message: 'ขอรายละเอียดเพิ่มเติมเรื่องวันที่' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/admin/complaints/${c.id}?m=saved`)
    const seen = await w.follow(c)
    expect(seen.kind === 'ok' && seen.view.messages.map((m) => m.text)).toEqual(['ขอรายละเอียดเพิ่มเติมเรื่องวันที่'])
    expect(seen.kind === 'ok' && seen.view.status).toBe('received')
    expect(w.line.calls.filter((x) => x.op === 'push')).toEqual([])
    const page = await (await b.get(`/admin/complaints/${c.id}?m=saved`)).text()
    expect(page).toContain('บันทึกแล้ว')
    expect(page).toContain('officer-b@agency.go.th')
  })
})
