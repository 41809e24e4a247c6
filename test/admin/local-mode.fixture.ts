import { DEFAULT_SEND_OPTIONS, tick } from '../../src/broadcasts/tick.js'
import { createSimulator, type Simulator } from '../../src/simulator/simulator.js'
import { createTestApp, TEST_CHANNEL_SECRET, type TestApp } from '../helpers/app.js'
import type { DbKind } from '../helpers/db.js'
import { PASSWORD_A, seedAccount } from './helpers.js'

export const START = new Date('2026-11-22T03:00:00Z') // 10:00 in Bangkok

/**
 * Local mode as `npm start` runs it without LINE credentials: the simulator is the LINE port
 * (deps.lines resolves to it) and serves /dev/chat. It runs on the app's clock, so moving the
 * test clock moves both. A broadcaster, sender@agency.go.th, can sign in.
 */
export async function localModeApp(kind: DbKind): Promise<{ t: TestApp; sim: Simulator }> {
  const ref: { t?: TestApp } = {}
  const sim = createSimulator({
    channelSecret: TEST_CHANNEL_SECRET,
    clock: { now: () => ref.t?.clock.now() ?? START },
  })
  const t = await createTestApp(kind, { simulator: sim, now: START })
  ref.t = t
  await seedAccount(t, 'default', 'sender@agency.go.th', 'broadcaster', PASSWORD_A)
  return { t, sim }
}

/** The scheduler's minute, sending through the organization's resolver (here: the simulator). */
export const tickLocal = (t: TestApp) =>
  tick(
    {
      db: t.deps.db,
      lineFor: t.deps.lines,
      keyring: t.deps.keyring,
      clock: t.clock,
      sleep: async () => {},
      options: { ...DEFAULT_SEND_OPTIONS, maxPerSecond: null },
    },
    t.clock.now(),
  )
