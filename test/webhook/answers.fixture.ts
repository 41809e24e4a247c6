import type { KyselyPlugin } from 'kysely'
import { utf8 } from '../../src/core/bytes.js'
import { fixedClock } from '../../src/core/clock.js'
import { createKeyring, type Keyring } from '../../src/core/keyring.js'
import { createLogger, type Logger } from '../../src/core/logger.js'
import type { LinePort } from '../../src/line/port.js'
import { createLineApi, type LineApiOptions } from '../../src/line/sdk-adapter.js'
import type { Dispatch } from '../../src/webhook/dispatcher.js'
import type { BaseEvent } from '../../src/webhook/events.js'
import { insertEvents } from '../../src/webhook/inbox-repository.js'
import { createInboxWorker, type InboxWorker } from '../../src/webhook/inbox-worker.js'
import { createResponder } from '../../src/webhook/responder.js'
import { type FakeLine, startFakeLine } from '../fakes/fake-line-server.js'
import { TEST_APP_SECRET, TEST_DATA_KEY } from '../helpers/app.js'
import { type DbKind, openTestDb, type TestDb } from '../helpers/db.js'
import { eventId, USER_A } from '../helpers/line-events.js'

export const T0 = new Date('2026-11-22T03:00:00Z')
export const REPLY_PATH = '/v2/bot/message/reply'
export const PUSH_PATH = '/v2/bot/message/push'

export type Chat = { type: 'user'; userId: string } | { type: 'group'; groupId: string }
export type TestEvent = BaseEvent & { replyToken: string }

/**
 * An inbox worker whose handler answers every event with one message naming the event, a real
 * adapter over HTTP, and the fake LINE that answers like LINE (single-use reply tokens expiring
 * by the test's clock, 409 for a retry key it accepted, scripted faults). `answers()` counts
 * what LINE delivered per event: every test asserts exactly-once with it.
 */
export interface AnswersHarness {
  t: TestDb
  line: FakeLine
  api: LinePort
  keyring: Keyring
  clock: ReturnType<typeof fixedClock>
  logs: string[]
  log: Logger
  worker: InboxWorker
  dispatch: Dispatch
  /** Delays the worker asked to be woken after, in order (nothing is scheduled for real). */
  wakes: number[]
  /** An event of `chat` happening now (or `ageMs` ago), with a reply token LINE issued for it. */
  event(chat?: Chat, ageMs?: number): TestEvent
  /** Stores events in the inbox as the webhook does. */
  enqueue(...events: TestEvent[]): Promise<void>
  /** Deliveries per event id, with how each went (reply or push). */
  answers(): Map<string, ('reply' | 'push')[]>
  /** Log lines of one event name. */
  logged(name: string): string[]
  close(): Promise<void>
}

export const answerText = (id: string) => `คำตอบ ${id}`

export interface HarnessOptions {
  /** Sees every statement of the worker and the responder (to count them, or fail one). */
  plugin?: KyselyPlugin
  /** Answers a group event with a sender in that person's 1:1 chat instead (a quiet group). */
  privately?: boolean
}

export async function answersHarness(
  kind: DbKind,
  adapter: Partial<LineApiOptions> = {},
  opts: HarnessOptions = {},
): Promise<AnswersHarness> {
  const t = await openTestDb(kind)
  const clock = fixedClock(T0)
  const line = await startFakeLine({ now: () => clock.now().getTime() })
  const api = createLineApi({
    accessToken: line.token,
    apiBaseUrl: line.url,
    dataApiBaseUrl: line.url,
    timeoutMs: 1_000,
    maxRetries: 1,
    sleep: async () => {},
    ...adapter,
  })
  const keyring = await createKeyring(TEST_APP_SECRET, TEST_DATA_KEY)
  const logs: string[] = []
  const log = createLogger({ level: 'debug', write: (l) => logs.push(l) })
  const deps = { db: opts.plugin ? t.db.withPlugin(opts.plugin) : t.db, keyring, clock, log }
  const dispatch: Dispatch = async (orgId, raw) => {
    const event = raw as TestEvent
    const responder = createResponder({ event, orgId, line: api, deps })
    const privately = opts.privately === true && event.source?.type === 'group'
    await responder.reply([{ type: 'text', text: answerText(event.webhookEventId) }], { privately })
    return 'answered'
  }
  const wakes: number[] = []
  const worker = createInboxWorker({
    timeZone: 'Asia/Bangkok',
    ...deps,
    dispatch,
    lines: async () => api,
    wake: (ms) => {
      wakes.push(ms)
      return () => {}
    },
  })
  return {
    t,
    line,
    api,
    keyring,
    clock,
    logs,
    log,
    worker,
    dispatch,
    wakes,
    event(chat = { type: 'user', userId: USER_A }, ageMs = 0) {
      const to = chat.type === 'user' ? chat.userId : chat.groupId
      return {
        type: 'message',
        mode: 'active',
        timestamp: clock.now().getTime() - ageMs,
        source: chat,
        webhookEventId: eventId(),
        deliveryContext: { isRedelivery: false },
        replyToken: line.issueReplyToken(to, { ttlMs: 60_000 - ageMs }),
      }
    },
    async enqueue(...events) {
      const rows = []
      for (const e of events) {
        const to =
          e.source?.type === 'user' ? e.source.userId : e.source?.type === 'group' ? e.source.groupId : ''
        rows.push({
          event_id: e.webhookEventId,
          org_id: 'default',
          event_type: e.type,
          mode: e.mode,
          chat_key: await keyring.pseudonym('chat', to),
          message_id: null,
          event_ts: new Date(e.timestamp),
          received_at: clock.now(),
          next_attempt_at: clock.now(),
          status: 'pending' as const,
          payload: await keyring.seal(utf8(JSON.stringify(e))),
          key_id: keyring.keyId,
          outcome: null,
        })
      }
      await insertEvents(t.db, rows)
    },
    answers() {
      const out = new Map<string, ('reply' | 'push')[]>()
      for (const d of line.delivered()) {
        const first = d.messages[0] as { text?: string } | undefined
        const id = first?.text?.replace(/^คำตอบ /, '') ?? '?'
        if (d.via === 'reply' || d.via === 'push') out.set(id, [...(out.get(id) ?? []), d.via])
      }
      return out
    },
    logged: (name) => logs.filter((l) => l.includes(`"${name}"`)),
    async close() {
      await worker.stop()
      await line.close()
      await t.close()
    },
  }
}
