import { DEFAULT_SEND_OPTIONS, tick } from '../../../src/broadcasts/tick.js'
import { Client, PASSWORD_A, seedAccount, seedGroup } from '../../admin/helpers.js'
import { MemoryLine } from '../../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../../helpers/app.js'
import type { DbKind } from '../../helpers/db.js'

export const GROUP = `C${'7'.repeat(32)}`

/** An app with a broadcaster, an auditor and one group labelled กองคลัง. */
export async function broadcastApp(kind: DbKind) {
  const line = new MemoryLine()
  const t = await createTestApp(kind, { line })
  await seedAccount(t, 'default', 'sender@agency.go.th', 'broadcaster', PASSWORD_A)
  await seedAccount(t, 'default', 'auditor@agency.go.th', 'auditor', PASSWORD_A)
  await seedGroup(t, 'default', GROUP, 'ฝ่ายการเงิน', 12)
  await t.deps.db
    .insertInto('group_labels')
    .values({ org_id: 'default', chat_id: GROUP, label: 'กองคลัง' })
    .execute()
  const sender = new Client(t)
  await sender.login('sender@agency.go.th', PASSWORD_A)
  return { t, sender, line }
}

/** The scheduler's tick, with the test app's MemoryLine as every organization's channel. */
export const runTick = (t: TestApp) =>
  tick(
    {
      db: t.deps.db,
      lineFor: async () => t.line,
      keyring: t.deps.keyring,
      clock: t.clock,
      sleep: async () => {},
      options: { ...DEFAULT_SEND_OPTIONS, maxPerSecond: null },
    },
    t.clock.now(),
  )

export const countBroadcasts = async (t: TestApp) =>
  Number(
    (
      await t.deps.db
        .selectFrom('broadcasts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

export const noGift = { title: 'เตือน No Gift', content: 'nogift', audienceKind: 'labels', labels: 'กองคลัง' }
