import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inlineCleaner } from '../../src/complaints/evidence/cleaner.js'
import { createLanguages } from '../../src/contacts/language.js'
import { createIntentMatcher } from '../../src/conversation/matcher.js'
import { fixedClock } from '../../src/core/clock.js'
import { createFailureLog } from '../../src/core/failures.js'
import { createKeyring } from '../../src/core/keyring.js'
import { silentLogger } from '../../src/core/logger.js'
import { createSerial } from '../../src/core/serial.js'
import { describePress, registerPresses } from '../../src/engagement/presses.js'
import { createDispatcher } from '../../src/webhook/dispatcher.js'
import { type HandlerDeps, HandlerRegistry } from '../../src/webhook/registry.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { TEST_APP_SECRET, TEST_DATA_KEY, testConfig } from '../helpers/app.js'
import { openTestDb, type TestDb } from '../helpers/db.js'
import { shippedFlows } from '../helpers/flows.js'
import { fromUser, postbackEvent } from '../helpers/line-events.js'

const flows = shippedFlows()
let testDb: TestDb
let deps: HandlerDeps

beforeAll(async () => {
  testDb = await openTestDb('pglite')
  const line = new MemoryLine()
  const keyring = await createKeyring(TEST_APP_SECRET, TEST_DATA_KEY)
  deps = {
    db: testDb.db,
    lines: async () => line,
    log: silentLogger,
    clock: fixedClock(new Date(1_000_000)),
    keyring,
    flows,
    config: testConfig(),
    evidence: inlineCleaner(),
    evidenceWrites: createSerial({ waiting: 16, waitMs: 30_000 }),
    failures: createFailureLog({ log: silentLogger, clock: fixedClock(new Date(1_000_000)) }),
    languages: createLanguages({ db: testDb.db, keyring, log: silentLogger }),
  }
})
afterAll(async () => testDb?.close())

const pressed = () =>
  testDb.db.selectFrom('engagement_events').select('ref_id').where('kind', '=', 'postback.pressed').execute()

describe('describePress (pure)', () => {
  const p = (data: string) => {
    const params = new URLSearchParams(data)
    return describePress(flows, params.get('action') ?? '', params)
  }
  it('names the item and its measure; takes m= only when it is a measure; else the intent of that name', () => {
    expect(p('action=quiz&id=assets.check&q=1&a=2&s=1')).toEqual({
      intent: 'quiz',
      item: 'assets.check',
      measure: 'assets',
    })
    expect(p('action=form-answer&id=nogift.report&f=giver&v=x')).toMatchObject({
      item: 'nogift.report',
      measure: 'nogift',
    })
    expect(p('action=pledge&m=nogift&ref=x')).toEqual({ intent: 'pledge', item: null, measure: 'nogift' })
    expect(p('action=pledge&m=made-up&ref=x')).toEqual({ intent: 'pledge', item: null, measure: null })
    expect(p('action=guide&id=assets.vehicle')).toMatchObject({ measure: 'assets' })
    // A guide id under the quiz action is not a quiz.
    expect(p('action=quiz&id=assets.it')).toEqual({ intent: 'quiz', item: null, measure: null })
  })
})

describe('the dispatcher logs a press only once its handler succeeded', () => {
  it('a failing handler leaves no press (the inbox retries it); the retry that succeeds leaves one', async () => {
    const registry = new HandlerRegistry()
    registerPresses(registry)
    let fail = true
    registry.onPostback('flaky', async () => {
      if (fail) throw new Error('database down')
    })
    registry.onPostback('quiet', async () => {})
    registry.keepPressesUnlinkable(['quiet'])
    const dispatch = createDispatcher(registry, createIntentMatcher(flows.intents), deps)
    const event = postbackEvent('action=flaky', fromUser(), 1_000_000)
    await expect(dispatch('default', event)).rejects.toThrow('database down')
    expect(await pressed()).toEqual([])
    fail = false
    expect(await dispatch('default', event)).toBe('postback:flaky')
    expect(await dispatch('default', postbackEvent('action=quiet', fromUser(), 1_000_000))).toBe(
      'postback:quiet',
    )
    expect(await pressed()).toEqual([{ ref_id: 'flaky' }])
  })
})
