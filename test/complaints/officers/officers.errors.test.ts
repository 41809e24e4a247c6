import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DB_KINDS } from '../../helpers/db.js'
import { actions, officerWorld, type World } from './helpers.js'

// Refused actions: a clear message, what the officer typed kept, nothing changed or audited.

describe.each(DB_KINDS)('complaint officers: refused actions (%s)', (kind) => {
  let w: World
  beforeEach(async () => {
    w = await officerWorld(kind)
  })
  afterEach(() => w.t.close())

  it('invalid transitions, missing outcome or message are refused with a clear message', async () => {
    const c = await w.file()
    const a = await w.as('a')
    await a.get(`/admin/complaints/${c.id}`)
    const post = (f: Record<string, string>) => a.post(`/admin/complaints/${c.id}/status`, f)

    let res = await post({ to: 'closed', outcome: 'referred', message: 'ส่งต่อ สตง.' })
    expect(res.status).toBe(422)
    const page = await res.text()
    expect(page).toContain('เปลี่ยนสถานะนี้ไม่ได้ สถานะถัดไปที่เลือกได้: ตอบรับเรื่องแล้ว')
    expect(page).toContain('ส่งต่อ สตง.') // the message typed is kept

    res = await post({ to: 'acknowledged', outcome: 'referred', message: 'รับเรื่อง' })
    expect(await res.text()).toContain('ระบุผลการพิจารณาได้เฉพาะเมื่อปิดเรื่อง')
    res = await post({ to: 'acknowledged', outcome: '', message: '   ' })
    expect(await res.text()).toContain('กรุณาเขียนข้อความถึงผู้ร้องเรียน')
    res = await post({ to: 'acknowledged', outcome: '', message: 'ก'.repeat(2001) })
    expect(await res.text()).toContain('ข้อความยาวเกิน 2,000 ตัวอักษร')
    res = await post({ to: 'bogus', outcome: '', message: 'x' })
    expect(res.status).toBe(422)
    expect(await w.status(c.id)).toBe('received')

    expect((await post({ to: 'acknowledged', outcome: '', message: 'รับเรื่องแล้ว' })).status).toBe(303)
    res = await post({ to: 'closed', outcome: '', message: 'ปิด' })
    expect(await res.text()).toContain('การปิดเรื่องต้องระบุผลการพิจารณา')
    res = await post({ to: 'closed', outcome: 'maybe', message: 'ปิด' })
    expect(await res.text()).toContain('การปิดเรื่องต้องระบุผลการพิจารณา')
    expect(await w.status(c.id)).toBe('acknowledged')

    // A form shown before another officer moved the case on is not applied twice.
    res = await post({ from: 'received', to: 'acknowledged', outcome: '', message: 'ซ้ำ' })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('เรื่องนี้ถูกเปลี่ยนสถานะระหว่างนี้')

    expect((await post({ to: 'closed', outcome: 'unsubstantiated', message: 'ไม่มีมูล' })).status).toBe(303)
    res = await post({ to: 'under_review', outcome: '', message: 'เปิดใหม่' })
    expect(await res.text()).toContain('เรื่องนี้ปิดแล้ว เปลี่ยนสถานะไม่ได้')
    res = await a.post(`/admin/complaints/${c.id}/messages`, { message: 'อีกข้อความ' })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('เรื่องนี้ปิดแล้ว ส่งข้อความไม่ได้')

    const changed = (await actions(w.t)).filter((x) => x.action === 'complaint.status_changed')
    expect(changed.map((x) => x.detail)).toEqual(['received>acknowledged', 'acknowledged>closed'])
    const seen = await w.follow(c)
    expect(seen.kind === 'ok' && seen.view.messages.map((m) => m.text)).toEqual(['รับเรื่องแล้ว', 'ไม่มีมูล'])
  })

  it('unknown cases and evidence are 404; a failed LINE notice is said, the change stays', async () => {
    const a = await w.as('a')
    expect((await a.get('/admin/complaints/no-such-case')).status).toBe(404)
    const c = await w.file({ notify: true })
    expect((await a.get(`/admin/complaints/${c.id}/evidence/nothing`)).status).toBe(404)
    await a.get(`/admin/complaints/${c.id}`)
    w.line.script.push({ kind: 'unavailable', status: 503, detail: 'down' })
    const res = await a.post(`/admin/complaints/${c.id}/status`, {
      to: 'acknowledged',
      outcome: '',
      message: 'รับ',
    })
    expect(res.headers.get('location')).toBe(`/admin/complaints/${c.id}?m=saved&n=failed`)
    const page = await (await a.get(res.headers.get('location') ?? '')).text()
    expect(page).toContain('ส่งการแจ้งเตือนทาง LINE ไม่สำเร็จ')
    expect(await w.status(c.id)).toBe('acknowledged')
  })

  it('an officer cannot exclude the last one who could handle the case', async () => {
    const c = await w.file()
    const a = await w.as('a')
    await a.get(`/admin/complaints/${c.id}`)
    expect((await a.post(`/admin/complaints/${c.id}/exclusions`, { admin: w.officerB })).status).toBe(303)
    await a.get(`/admin/complaints/${c.id}`)
    // The owner handles no complaints, so excluding it is refused as for any non-officer.
    const owner = await a.post(`/admin/complaints/${c.id}/exclusions`, { admin: w.owner })
    expect(await owner.text()).toContain('บัญชีนี้ไม่ใช่ผู้ดูแลเรื่องร้องเรียน')
    await a.get(`/admin/complaints/${c.id}`)
    const res = await a.post(`/admin/complaints/${c.id}/exclusions`, { admin: w.officerA })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('ต้องเหลือผู้ดูแลเรื่องนี้อย่างน้อยหนึ่งคน')
    const again = await a.post(`/admin/complaints/${c.id}/exclusions`, { admin: w.officerB })
    expect(await again.text()).toContain('บัญชีนี้ถูกกันออกจากเรื่องนี้แล้ว')
    const bogus = await a.post(`/admin/complaints/${c.id}/exclusions`, { admin: 'someone' })
    expect(await bogus.text()).toContain('บัญชีนี้ไม่ใช่ผู้ดูแลเรื่องร้องเรียน')
  })
})
