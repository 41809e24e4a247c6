import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { engagementChatKey } from '../../src/engagement/events.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { fromGroup, fromUser, GROUP_1, USER_A, USER_B } from '../helpers/line-events.js'

// Every postback the bot handles is one 'postback.pressed', logged by the dispatcher: the
// handler's action name and the flows item, never the raw data.

describe.each(DB_KINDS)('button presses in the engagement log (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const presses = () =>
    t.testDb.db
      .selectFrom('engagement_events')
      .select(['chat_key', 'place_key', 'ref_type', 'ref_id', 'measure', 'data'])
      .where('kind', '=', 'postback.pressed')
      .orderBy('id')
      .execute()
  const key = (id: string) => engagementChatKey(t.deps.keyring, id)

  it('a member pressing a guide in a group: keyed by the member, placed in the group, under its measure', async () => {
    await chatAs(t, line, fromGroup(GROUP_1, USER_B)).tap('action=guide&id=assets.it')
    expect(await presses()).toEqual([
      {
        chat_key: await key(USER_B),
        place_key: await key(GROUP_1),
        ref_type: 'postback',
        ref_id: 'guide',
        measure: 'assets',
        data: { item: 'assets.it' },
      },
    ])
  })

  it('a pledge is a press and a pledge: two facts, the press without the broadcast reference', async () => {
    await chatAs(t, line, fromGroup(GROUP_1, USER_A)).tap('action=pledge&m=nogift&ref=b0a1')
    const kinds = await t.testDb.db.selectFrom('engagement_events').select('kind').orderBy('id').execute()
    expect(kinds.map((k) => k.kind)).toEqual(['pledge', 'postback.pressed'])
    expect(await presses()).toEqual([
      expect.objectContaining({
        ref_id: 'pledge',
        measure: 'nogift',
        data: {},
        place_key: await key(GROUP_1),
      }),
    ])
  })

  it('the measure of an intent of the same name; none for the menu; 1:1 presses are placed nowhere', async () => {
    const chat = chatAs(t, line, fromUser(USER_A))
    await chat.tap('action=nogift-declaration')
    await chat.tap('action=menu')
    expect((await presses()).map((p) => [p.ref_id, p.measure, p.place_key, p.chat_key])).toEqual([
      ['nogift-declaration', 'nogift', null, await key(USER_A)],
      ['menu', null, null, await key(USER_A)],
    ])
  })

  it('forged or unknown data: an id that names nothing is not kept, an unknown action is not logged', async () => {
    const chat = chatAs(t, line, fromUser(USER_A))
    await chat.tap('action=guide&id=C-2569-SECRET')
    await chat.tap('action=nonsense&code=C-2569-SECRET')
    const rows = await presses()
    expect(rows.map((p) => [p.ref_id, p.measure, p.data])).toEqual([['guide', null, {}]])
    expect(JSON.stringify(rows)).not.toContain('SECRET')
  })

  it('a form step of an ordinary form is logged under the form (gift report)', async () => {
    const chat = chatAs(t, line, fromUser(USER_A))
    await chat.tap('action=form&id=nogift.report')
    expect(await presses()).toEqual([
      expect.objectContaining({ ref_id: 'form', measure: 'nogift', data: { item: 'nogift.report' } }),
    ])
  })

  it('a complainant leaves no press at all: intake, follow-up, reply and notify-off', async () => {
    const chat = chatAs(t, line, fromUser(USER_A))
    const start = await chat.say('ร้องเรียน')
    await chat.tap(button(start, /สินบน/))
    await chat.tap('action=form-cancel&id=complaint')
    await chat.tap('action=form&id=complaint')
    await chat.tap('action=complaint-followup')
    await chat.tap('action=complaint-reply&mode=reply')
    await chat.tap('action=complaint-notify-off')
    expect(await presses()).toEqual([])
  })

  it('an asker who may stay anonymous leaves no press (budget question and its follow-up)', async () => {
    const chat = chatAs(t, line, fromUser(USER_A))
    await chat.tap('action=budget-ask&kind=ask')
    const who = await chat.say('งบอบรมใช้ไปเท่าไร')
    const summary = await chat.tap(button(who, /ไม่ระบุชื่อ/))
    expect(JSON.stringify(await chat.tap(button(summary, /^ส่ง$/)))).toContain('Q-')
    await chat.tap('action=question-followup')
    await chat.tap('action=menu') // and presses elsewhere are still logged
    expect((await presses()).map((p) => p.ref_id)).toEqual(['menu'])
  })

  it('every form that offers anonymity, asks a secret or serves complaints leaves no press', async () => {
    const confidential = [...t.deps.flows.forms].filter(
      ([, f]) =>
        f.measure === 'complaints' ||
        f.fields.some(
          (x) => x.id === 'secret' || (x.type === 'choice' && x.choices.some((c) => c.value === 'anonymous')),
        ),
    )
    expect(confidential.map(([id]) => id).sort()).toEqual(
      ['budget.ask', 'complaint', 'complaint.followup', 'complaint.reply', 'questions.followup'].sort(),
    )
    const chat = chatAs(t, line, fromUser(USER_A))
    for (const [id] of confidential) {
      await chat.tap(`action=form&id=${id}`)
      await chat.tap(`action=form-submit&id=${id}`)
      await chat.tap(`action=form-cancel&id=${id}`)
    }
    expect(await presses()).toEqual([])
  })
})
