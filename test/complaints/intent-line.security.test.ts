import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadState, sessionKey } from '../../src/dialogues/sessions.js'
import { engagementChatKey } from '../../src/engagement/events.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { GROUP_1, USER_A } from '../helpers/line-events.js'
import { chatEvent, everything, post, ROOM_1, SENTENCE } from './intent-helpers.js'

// "Nothing of it is kept": a complaint typed in a group leaves no text, no key of the sender,
// no log line and no inbox outcome that tells it from ordinary chatter.

const PARTS = ['ผู้รับเหมา', '50,000', 'กองคลัง']

describe.each(DB_KINDS)('complaint intent keeps nothing (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  /** Every key the bot could file the sender under: engagement, inbox, today's drafts. */
  async function senderKeys(): Promise<string[]> {
    const { keyring } = t.deps
    return [
      await engagementChatKey(keyring, USER_A),
      await keyring.pseudonym('chat', USER_A),
      await sessionKey(t.deps, 'default', USER_A, t.clock.now()),
    ]
  }

  const outcomeOf = async (eventId: string) =>
    (
      await t.testDb.db
        .selectFrom('webhook_inbox')
        .select('outcome')
        .where('event_id', '=', eventId)
        .executeTakeFirst()
    )?.outcome

  it.each(['group', 'group-mention', 'room'] as const)(
    'in a %s: no row holds the text or a key of the sender, no log line names them',
    async (where) => {
      const logsBefore = t.logs.length
      const ev = chatEvent(t, SENTENCE, where)
      const sent = await post(t, line, [ev])
      expect(sent.length).toBeGreaterThan(0)
      const stored = await everything(t)
      for (const part of [SENTENCE, ...PARTS]) expect(stored).not.toContain(part)
      for (const key of await senderKeys()) expect(stored).not.toContain(key)
      const engagement = await t.testDb.db.selectFrom('engagement_events').selectAll().execute()
      expect(JSON.stringify(engagement)).not.toMatch(/complain|ร้องเรียน/)
      const logs = t.logs.slice(logsBefore).join('\n')
      for (const s of [SENTENCE, ...PARTS, USER_A, GROUP_1, ROOM_1, ev.webhookEventId]) {
        expect(logs).not.toContain(s)
      }
      expect(stored).not.toContain('intent:complaint')
    },
  )

  it.each([
    ['group', 'ประชุมบ่ายสองโมงนะครับ'],
    ['group-mention', 'วันนี้อากาศดีนะ'],
  ] as const)(
    'in a %s the inbox outcome is the one ordinary chatter gets ("%s")',
    async (where, ordinary) => {
      const plain = chatEvent(t, ordinary, where)
      const complaint = chatEvent(t, SENTENCE, where)
      await post(t, line, [plain])
      await post(t, line, [complaint])
      const expected = await outcomeOf(plain.webhookEventId)
      const got = await outcomeOf(complaint.webhookEventId)
      // A handled row may be deleted outright; where both are kept, they must read alike.
      if (got !== undefined) expect(got).toBe(expected ?? got)
      expect(got ?? '').not.toMatch(/complain|intent/)
    },
  )

  it('in 1:1 the offer keeps neither the sentence nor a draft; the form it opens starts empty', async () => {
    const chat = chatAs(t, line)
    const offered = await chat.say(SENTENCE)
    const stored = await everything(t)
    for (const part of [SENTENCE, ...PARTS]) expect(stored).not.toContain(part)
    const key = await sessionKey(t.deps, 'default', USER_A, t.clock.now())
    expect(await loadState(t.deps, 'default', key, t.clock.now())).toBeNull()
    await chat.tap(button(offered, /^ร้องเรียน$/))
    const draft = await loadState(t.deps, 'default', key, t.clock.now())
    expect(draft?.formId).toBe('complaint')
    expect(JSON.stringify(draft?.answers)).not.toMatch(/ผู้รับเหมา|50,000/)
    const logs = t.logs.join('\n')
    for (const s of [SENTENCE, ...PARTS, USER_A]) expect(logs).not.toContain(s)
  })
})
