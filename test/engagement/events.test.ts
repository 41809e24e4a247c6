import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createKeyring } from '../../src/core/keyring.js'
import * as events from '../../src/engagement/events.js'
import { TEST_APP_SECRET, TEST_DATA_KEY } from '../helpers/app.js'
import { DB_KINDS, openTestDb, type TestDb } from '../helpers/db.js'

const GROUP = `C${'d'.repeat(32)}`

describe.each(DB_KINDS)('engagement events (%s)', (kind) => {
  let t: TestDb
  beforeEach(async () => {
    t = await openTestDb(kind)
  })
  afterEach(() => t.close())

  it('appends and lists events by reference, oldest first, with jsonb data intact', async () => {
    const keyring = await createKeyring(TEST_APP_SECRET, TEST_DATA_KEY)
    const chatKey = await events.engagementChatKey(keyring, GROUP)
    const at = new Date('2026-11-22T03:00:00Z')
    await events.appendEvents(t.db, [
      {
        orgId: 'default',
        occurredAt: at,
        kind: 'message.sent',
        chatKey,
        refType: 'broadcast_run',
        refId: 'r1',
        measure: 'nogift',
        data: { n: 1, th: 'ส่งแล้ว' },
      },
      {
        orgId: 'default',
        occurredAt: at,
        kind: 'message.failed',
        chatKey,
        refType: 'broadcast_run',
        refId: 'r1',
      },
      {
        orgId: 'other',
        occurredAt: at,
        kind: 'message.sent',
        chatKey: null,
        refType: 'broadcast_run',
        refId: 'r1',
      },
    ])
    const rows = await events.listEvents(t.db, { orgId: 'default', refType: 'broadcast_run', refId: 'r1' })
    expect(rows.map((r) => r.kind)).toEqual(['message.sent', 'message.failed'])
    expect(rows[0]).toMatchObject({ chat_key: chatKey, measure: 'nogift', data: { n: 1, th: 'ส่งแล้ว' } })
    expect(rows[1]?.data).toEqual({})
    expect(rows[0]?.occurred_at.toISOString()).toBe(at.toISOString())
    expect(await events.listEvents(t.db, { orgId: 'default', kind: 'message.failed' })).toHaveLength(1)
  })

  it('the chat key is a keyed hash: stable per chat, not the id, different under another secret', async () => {
    const a = await createKeyring(TEST_APP_SECRET, TEST_DATA_KEY)
    const b = await createKeyring(`${TEST_APP_SECRET}x`, TEST_DATA_KEY)
    const k = await events.engagementChatKey(a, GROUP)
    expect(k).toBe(await events.engagementChatKey(a, GROUP))
    expect(k).not.toContain(GROUP.slice(1, 12))
    expect(k).not.toBe(await events.engagementChatKey(b, GROUP))
  })

  it('is append-only: the module offers no way to change or remove an event', () => {
    const names = Object.keys(events)
    expect(names.filter((n) => /update|delete|remove|clear|set/i.test(n))).toEqual([])
  })
})
