import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { engagementChatKey, listEvents } from '../../src/engagement/events.js'
import type { LineMessage } from '../../src/line/port.js'
import { seedGroup } from '../admin/helpers.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { envelope, fromGroup, fromUser, signedRequest, textEvent, USER_A } from '../helpers/line-events.js'
import { fixture, GROUP_ALL, GROUP_FINANCE, seedBudget } from './helpers.js'

describe.each(DB_KINDS)('"งบประมาณ" in LINE (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
    await seedGroup(t, 'default', GROUP_FINANCE, 'ฝ่ายการเงิน', 9)
    await seedGroup(t, 'default', GROUP_ALL, 'บุคลากรทั้งหมด', 40)
    await t.deps.db
      .insertInto('group_labels')
      .values({ org_id: 'default', chat_id: GROUP_FINANCE, label: 'กองคลัง' })
      .execute()
  })
  afterEach(() => t.close())

  const say = async (text: string, source = fromUser()): Promise<LineMessage[]> => {
    const before = line.calls.length
    const res = await t.app.request(
      await signedRequest(envelope([textEvent(text, source, t.clock.now().getTime())])),
    )
    expect(res.status).toBe(200)
    await t.settle()
    const call = line.calls[before]
    expect(line.calls).toHaveLength(before + 1)
    return call && 'messages' in call ? call.messages : []
  }
  const json = (m: LineMessage[]) => JSON.stringify(m)

  it('before any upload: the "no budget yet" message, and no view is counted', async () => {
    expect(await say('งบประมาณ')).toEqual(t.deps.flows.render('budget.empty'))
    expect(await listEvents(t.deps.db, { orgId: 'default', kind: 'budget.viewed' })).toEqual([])
  })

  it('1:1: the agency-wide card of the current version; the view is an engagement event with a pseudonym', async () => {
    await seedBudget(t, fixture('budget-2569.csv'))
    const v2 = await seedBudget(t, fixture('budget-2569.xlsx'), 'budget-2569.xlsx', '2026-04-30')
    const messages = await say('budget')
    expect(messages[0]?.type).toBe('flex')
    expect(json(messages)).toContain('ภาพรวมหน่วยงาน')
    expect(json(messages)).toContain('ข้อมูล ณ วันที่ 30 เม.ย. 2569') // the latest version's date
    const events = await listEvents(t.deps.db, { orgId: 'default', kind: 'budget.viewed' })
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      measure: 'budget',
      ref_type: 'budget_version',
      ref_id: v2.id,
      chat_key: await engagementChatKey(t.deps.keyring, USER_A),
      data: { scope: 'org', chat: 'user', fiscalYear: 2569 },
    })
    expect(JSON.stringify(events)).not.toContain(USER_A)
    expect(t.logs.join('\n')).not.toContain(USER_A)
  })

  it("a group labelled with a unit gets that unit's card with the agency-wide line; another group the agency's", async () => {
    await seedBudget(t, fixture('budget-2569.csv'))
    const unit = json(await say('งบประมาณ', fromGroup(GROUP_FINANCE)))
    expect(unit).toContain('หน่วยงาน กองคลัง')
    expect(unit).toContain('ภาพรวมหน่วยงาน: เบิกจ่ายแล้ว 41.8%')
    expect(unit).toContain('"width":"56.5%"') // กองคลัง: 2,380,150.75 of 4,215,000.00
    const all = json(await say('งบประมาณ', fromGroup(GROUP_ALL)))
    expect(all).not.toContain('หน่วยงาน กองคลัง')
    expect(all).toContain('"width":"41.8%"')
    const events = await listEvents(t.deps.db, { orgId: 'default', kind: 'budget.viewed' })
    expect(events.map((e) => e.data)).toEqual([
      { scope: 'unit', chat: 'group', fiscalYear: 2569 },
      { scope: 'org', chat: 'group', fiscalYear: 2569 },
    ])
    expect(t.logs.join('\n')).not.toContain(GROUP_FINANCE)
  })
})
