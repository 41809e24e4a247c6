import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { engagementChatKey } from '../../src/engagement/events.js'
import { fixture, seedBudget } from '../budget/helpers.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { fromGroup, fromUser, GROUP_1, USER_A } from '../helpers/line-events.js'

// What happens in a group is placed in it (place_key = the group's HMAC), so reports count
// acknowledgment and reach by unit; chat_key stays whoever acted.

describe.each(DB_KINDS)('events placed in the group they happened in (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  const specific = () =>
    t.testDb.db
      .selectFrom('engagement_events')
      .select(['kind', 'chat_key', 'place_key'])
      .where('kind', '<>', 'postback.pressed')
      .orderBy('id')
      .execute()

  it('guide, quiz, declaration, pledge and budget in a group: placed there, keyed by the member', async () => {
    await seedBudget(t, fixture('budget-2569.csv'))
    const member = chatAs(t, line, fromGroup(GROUP_1, USER_A))
    await member.tap('action=guide&id=assets.it')
    const quiz = await member.tap('action=quiz&id=assets.check&q=0')
    await member.tap(button(quiz, /หยิบไปได้เลย/))
    await member.tap('action=nogift-declaration')
    await member.tap('action=pledge&m=nogift&ref=topic')
    await member.say('งบประมาณ')
    const group = await engagementChatKey(t.deps.keyring, GROUP_1)
    const person = await engagementChatKey(t.deps.keyring, USER_A)
    const rows = await specific()
    expect(rows.map((r) => r.kind)).toEqual([
      'guide.viewed',
      'quiz.started',
      'quiz.answered',
      'declaration.viewed',
      'pledge',
      'budget.viewed',
    ])
    for (const r of rows) expect(r.place_key).toBe(group)
    // Keyed by the person who acted, budget.viewed included (the group is its place).
    expect(rows.map((r) => r.chat_key)).toEqual([person, person, person, person, person, person])
    expect(rows.map((r) => r.chat_key)).not.toContain(group)
  })

  it('the same in 1:1 is placed nowhere', async () => {
    const chat = chatAs(t, line, fromUser(USER_A))
    await chat.tap('action=guide&id=assets.it')
    await chat.tap('action=pledge&m=nogift&ref=topic')
    expect((await specific()).map((r) => [r.kind, r.place_key])).toEqual([
      ['guide.viewed', null],
      ['pledge', null],
    ])
  })
})
