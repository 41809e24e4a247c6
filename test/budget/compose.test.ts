import { afterEach, describe, expect, test } from 'vitest'
import type { TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { budgetApp, fixture, loggedIn, seedBudget } from './helpers.js'

const form = {
  title: 'สรุปงบประมาณกองคลัง',
  content: 'budget',
  audienceKind: 'labels',
  labels: 'กองคลัง',
  mode: 'monthly',
  day: '5',
  time: '09:00',
}

describe.each(DB_KINDS)('a budget summary composed in the broadcast form (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('refused before any upload; afterwards saved as a budget broadcast with the card as preview', async () => {
    t = (await budgetApp(kind)).t
    const b = await loggedIn(t, 'broadcaster')
    await b.get('/admin/broadcasts/new')
    expect(b.lastHtml).toContain('name="content" value="budget"')
    const refused = await b.post('/admin/broadcasts', form)
    expect(refused.status).toBe(422)
    expect(b.lastHtml).toContain('ยังไม่มีข้อมูลงบประมาณ กรุณาอัปโหลดที่หน้างบประมาณก่อน')

    await seedBudget(t, fixture('budget-2569.csv'))
    await b.get('/admin/broadcasts/new')
    const made = await b.post('/admin/broadcasts', form)
    expect(made.status).toBe(303)
    const id = (made.headers.get('location') ?? '').split('/').at(-1) ?? ''
    const row = await t.deps.db
      .selectFrom('broadcasts')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ template: 'budget', recurrence: '0 9 5 * *' })
    expect(row.messages[0]?.type).toBe('flex')
    await b.get(`/admin/broadcasts/${id}`)
    expect(b.lastHtml).toContain('สรุปงบประมาณ ปีงบประมาณ 2569')
    await b.get(`/admin/broadcasts/${id}/edit`)
    expect(b.lastHtml).toMatch(/value="budget" checked/)
  })
})
