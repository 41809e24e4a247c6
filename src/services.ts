import type { Kysely } from 'kysely'
import { registerLineLink } from './admin/line-link-handler.js'
import type { AppDeps } from './app-env.js'
import { safeTick } from './broadcasts/tick.js'
import { registerBudget } from './budget/handlers.js'
import { type EvidenceCleaner, inlineCleaner } from './complaints/evidence/cleaner.js'
import { registerComplaints } from './complaints/followup.js'
import { registerComplaintIntent } from './complaints/intent-claim.js'
import type { Config } from './config.js'
import { registerContacts } from './contacts/handlers.js'
import { createLanguages } from './contacts/language.js'
import { registerLanguage } from './contacts/language-handlers.js'
import { registerPersonalMenus } from './contacts/menu-handlers.js'
import { createPersonalMenus } from './contacts/menus.js'
import { registerConversation } from './conversation/handlers.js'
import { understandingOf } from './conversation/understanding-cache.js'
import type { Clock } from './core/clock.js'
import { createFailureLog, type FailureLog } from './core/failures.js'
import type { Keyring } from './core/keyring.js'
import type { Logger } from './core/logger.js'
import { createSerial } from './core/serial.js'
import type { Database } from './db/schema.js'
import { registerCards } from './dialogues/cards.js'
import { FormHandlers, registerForms } from './dialogues/forms.js'
import { registerPresses } from './engagement/presses.js'
import type { Flows } from './flows/types.js'
import { broadcastDeps } from './jobs/tick.js'
import type { LinePort, LineResolver } from './line/port.js'
import { createLineStatus, type LineStatus } from './line/status.js'
import { registerNoGift } from './nogift/handlers.js'
import { registerQuestions } from './questions/handlers.js'
import type { Simulator } from './simulator/simulator.js'
import { type ChannelResolver, DEFAULT_ORG } from './webhook/channels.js'
import { createDispatcher } from './webhook/dispatcher.js'
import { createInboxWorker } from './webhook/inbox-worker.js'
import { createInboxWriter } from './webhook/inbox-writer.js'
import { HandlerRegistry } from './webhook/registry.js'
import { registerUnsend } from './webhook/unsend.js'

export interface ServiceInputs {
  config: Config
  db: Kysely<Database>
  /** The default organization's channel (or the simulator). */
  line: LinePort
  /** Every organization's channel; defaults to `line` for the default organization only. */
  lines?: LineResolver
  flows: Flows
  keyring: Keyring
  log: Logger
  clock: Clock
  channels: ChannelResolver
  background: AppDeps['background']
  /** The entry's own when its background tasks report to it; one is made otherwise. */
  failures?: FailureLog
  /**
   * The tracker `lines` already records into, when the entry wrapped them itself (its scheduler
   * sends through the same ports); otherwise one is made and `lines` wrapped here.
   */
  lineStatus?: LineStatus
  simulator: Simulator | null
  /** Node passes its worker-thread pool; inline (main thread) otherwise. */
  evidence?: EvidenceCleaner
  /** Node passes its broadcast loop's kick; otherwise one scheduler pass in the background. */
  sendDue?: () => void
}

/** Every handler the bot has, registered by event type, intent and postback action. */
export function buildRegistry(): HandlerRegistry {
  const registry = new HandlerRegistry()
  // One per registry: what this process made LINE show each person (contacts/menus.ts).
  const menus = createPersonalMenus()
  // Not a handler: logs each postback press after whichever handler took it succeeded.
  registerPresses(registry)
  registerContacts(registry)
  // After the follow's greeting, before any text handler: a person's menu follows their language.
  registerPersonalMenus(registry, menus)
  registerLanguage(registry, menus)
  // Before any dialogue: a link code is a command of its own, never an answer to a question.
  registerLineLink(registry)
  registerUnsend(registry)
  const forms = new FormHandlers()
  registerForms(registry, forms)
  registerCards(registry)
  registerNoGift(registry, forms)
  registerQuestions(registry, forms)
  registerComplaints(registry, forms)
  // After the forms' claim: a form waiting for an answer keeps it.
  registerComplaintIntent(registry, forms)
  registerBudget(registry)
  registerConversation(registry)
  return registry
}

/** Builds the services once, in one place, for every entry (Node, Worker, tests). */
export function buildServices(input: ServiceInputs): AppDeps {
  const { db, line, flows, keyring, log, clock } = input
  const lineStatus = input.lineStatus ?? createLineStatus(clock)
  const lines = lineStatus.track(
    input.lines ?? (async (orgId: string) => (orgId === DEFAULT_ORG ? line : null)),
  )
  const evidence = input.evidence ?? inlineCleaner()
  const evidenceWrites = createSerial({
    waiting: input.config.env.EVIDENCE_WRITES_QUEUE,
    waitMs: input.config.env.EVIDENCE_WRITES_WAIT_MS,
  })
  const languages = createLanguages({ db, keyring, log })
  const failures = input.failures ?? createFailureLog({ log, clock })
  const dispatch = createDispatcher(buildRegistry(), understandingOf(flows), {
    db,
    lines,
    log,
    clock,
    keyring,
    flows,
    config: input.config,
    evidence,
    evidenceWrites,
    languages,
    failures,
  })
  const metrics = { rejectedSignatures: 0, webhookInFlight: 0 }
  const inbox = createInboxWorker({
    db,
    keyring,
    dispatch,
    clock,
    log,
    lines,
    busy: () => metrics.webhookInFlight > 0,
    timeZone: input.config.timeZone,
  })
  return {
    config: input.config,
    db,
    log,
    clock,
    keyring,
    lines,
    lineStatus,
    failures,
    channels: input.channels,
    inbox,
    inboxWriter: createInboxWriter(db),
    background: input.background,
    metrics,
    simulator: input.simulator,
    flows,
    evidence,
    evidenceWrites,
    sendDue:
      input.sendDue ??
      (() => {
        const d = broadcastDeps({ db, flows, log, lines, config: input.config, keyring, clock })
        input.background(() => safeTick(d, clock.now()))
      }),
    languages,
  }
}
