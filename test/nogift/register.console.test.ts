import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { auditActions, Client, PASSWORD_A, seedAccount } from '../admin/helpers.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'

describe.each(DB_KINDS)('gift register in the console (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
    await seedAccount(t, 'default', 'officer@example.go.th', 'complaint_officer', PASSWORD_A)
    await seedAccount(t, 'default', 'auditor@example.go.th', 'auditor', PASSWORD_A)
    await seedAccount(t, 'default', 'caster@example.go.th', 'broadcaster', PASSWORD_A)
  })
  afterEach(() => t.close())

  async function reportGift(item: string, value: string) {
    const chat = chatAs(t, line)
    let step = await chat.tap('action=form&id=nogift.report')
    step = await chat.tap(button(step, /ผู้รับบริการ/))
    await chat.say(item)
    step = await chat.say(value)
    step = await chat.tap(button(step, /วันนี้/))
    step = await chat.tap(button(step, /คืนผู้ให้/))
    await chat.tap(button(step, /^ส่ง$/))
  }

  it('the officer sees the register by fiscal year with bands, opens a report (audited) and marks it reviewed', async () => {
    await reportGift('ตะกร้าผลไม้', '800')
    await reportGift('นาฬิกา', '12,000')
    const officer = new Client(t)
    await officer.login('officer@example.go.th', PASSWORD_A)
    const list = await officer.get('/admin/gifts')
    expect(list.status).toBe(200)
    const html = officer.lastHtml
    expect(html).toContain('ทะเบียนรายงานการรับของขวัญ')
    expect(html.match(/class="gift"/g)).toHaveLength(2)
    expect(html).toMatch(/data-band="upto3000"><b>1<\/b>/)
    expect(html).toMatch(/data-band="over10000"><b>1<\/b>/)
    expect(html).toContain('ผู้รับบริการ')
    expect(html).not.toContain('Client')
    expect(html).not.toContain('นาฬิกา') // details stay sealed in the list
    const id = /href="\/admin\/gifts\/([0-9a-f-]{36})"/.exec(html)?.[1] ?? ''
    await officer.get(`/admin/gifts/${id}`)
    expect(officer.lastHtml).toMatch(/id="gift-details">(ตะกร้าผลไม้|นาฬิกา)</)
    const done = await officer.post(`/admin/gifts/${id}/reviewed`, {})
    expect(done.status).toBe(303)
    await officer.get(`/admin/gifts/${id}`)
    expect(officer.lastHtml).toContain('id="gift-status">ตรวจแล้ว')
    expect(await auditActions(t, 'default')).toEqual(expect.arrayContaining(['gift.viewed', 'gift.reviewed']))
  })

  it('an auditor sees the list but not the details; a broadcaster sees neither', async () => {
    await reportGift('ปากกา', '300')
    const auditor = new Client(t)
    await auditor.login('auditor@example.go.th', PASSWORD_A)
    expect((await auditor.get('/admin/gifts')).status).toBe(200)
    const id = /href="\/admin\/gifts\/([0-9a-f-]{36})"/.exec(auditor.lastHtml)?.[1] ?? ''
    expect((await auditor.get(`/admin/gifts/${id}`)).status).toBe(403)
    const caster = new Client(t)
    await caster.login('caster@example.go.th', PASSWORD_A)
    expect((await caster.get('/admin/gifts')).status).toBe(403)
  })

  it('marking reviewed needs the CSRF token, and a report of another organization is not found', async () => {
    await reportGift('ปากกา', '300')
    const officer = new Client(t)
    await officer.login('officer@example.go.th', PASSWORD_A)
    await officer.get('/admin/gifts')
    const id = /href="\/admin\/gifts\/([0-9a-f-]{36})"/.exec(officer.lastHtml)?.[1] ?? ''
    expect((await officer.post(`/admin/gifts/${id}/reviewed`, {}, { csrf: null })).status).toBe(403)
    await t.testDb.db.updateTable('gift_reports').set({ org_id: 'north' }).execute()
    expect((await officer.get(`/admin/gifts/${id}`)).status).toBe(404)
    expect((await officer.post(`/admin/gifts/${id}/reviewed`, {})).status).toBe(404)
  })
})
