import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseLinkCommand } from '../../src/admin/line-link-handler.js'
import { inlineCleaner } from '../../src/complaints/evidence/cleaner.js'
import { createLanguages } from '../../src/contacts/language.js'
import { createIntentMatcher } from '../../src/conversation/matcher.js'
import { fixedClock } from '../../src/core/clock.js'
import { createFailureLog } from '../../src/core/failures.js'
import { createKeyring } from '../../src/core/keyring.js'
import { silentLogger } from '../../src/core/logger.js'
import { createSerial } from '../../src/core/serial.js'
import { createDispatcher } from '../../src/webhook/dispatcher.js'
import { type HandlerDeps, HandlerRegistry } from '../../src/webhook/registry.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { TEST_APP_SECRET, TEST_DATA_KEY, testConfig } from '../helpers/app.js'
import { openTestDb, type TestDb } from '../helpers/db.js'
import { shippedFlows } from '../helpers/flows.js'
import { fromGroup, textEvent } from '../helpers/line-events.js'

// Text claims: a handler may take a text before intent matching (a code, a pending answer).

let testDb: TestDb
let deps: HandlerDeps
const flows = shippedFlows()

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

function setup() {
  const seen: string[] = []
  const registry = new HandlerRegistry()
  registry.onIntent('help', async () => {
    seen.push('intent:help')
  })
  const dispatch = createDispatcher(registry, createIntentMatcher(flows.intents), deps)
  return { seen, registry, dispatch }
}

describe('text claims in the dispatcher', () => {
  it('a claim that answers null lets the intents have the text', async () => {
    const { seen, registry, dispatch } = setup()
    registry.onTextClaim(async () => {
      seen.push('claim')
      return null
    })
    expect(await dispatch('default', textEvent('help', undefined, 1_000_000))).toBe('intent:help')
    expect(seen).toEqual(['claim', 'intent:help'])
  })

  it('a claim that takes the text stops the intents and later claims; its label is the outcome', async () => {
    const { seen, registry, dispatch } = setup()
    registry.onTextClaim(async (ctx) => (ctx.text === 'help' ? 'claimed:first' : null))
    registry.onTextClaim(async () => {
      seen.push('second')
      return 'claimed:second'
    })
    expect(await dispatch('default', textEvent('help', undefined, 1_000_000))).toBe('claimed:first')
    expect(seen).toEqual([])
  })

  it('claims see group texts too, with `addressed` telling whether the bot was spoken to', async () => {
    const { registry, dispatch } = setup()
    const addressed: boolean[] = []
    registry.onTextClaim(async (ctx) => {
      addressed.push(ctx.addressed)
      return 'seen'
    })
    await dispatch('default', textEvent('hello all', fromGroup(), 1_000_000))
    await dispatch('default', textEvent('hello me', undefined, 1_000_000))
    expect(addressed).toEqual([false, true])
  })
})

describe('the link command a claim looks for', () => {
  it.each([
    ['ผูกบัญชี 123456', '123456'],
    ['  link 004200 ', '004200'],
    ['LINK:987654', '987654'],
    ['ผูกบัญชี๑๒๓๔๕๖', '123456'],
    ['link 12', '12'],
  ])('%j → %j', (text, code) => {
    expect(parseLinkCommand(text)).toBe(code)
  })

  it.each(['ผูกบัญชี', 'please link 123456', 'link 123456 now', 'เมนู', 'link abcdef'])(
    '%j is not one',
    (text) => {
      expect(parseLinkCommand(text)).toBeNull()
    },
  )
})
