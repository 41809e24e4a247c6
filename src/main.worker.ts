// Cloudflare Workers entry: the same app, inbox and minute tick as the Node server, over
// PostgreSQL through Hyperdrive. flows/ is bundled as text (wrangler.toml [[rules]]): nothing is
// read from a filesystem at run time. Migrations run from Node (`npm run migrate`), never here.
// Proven in workerd by test/runtime/worker.workerd.test.ts.
import assetsYaml from '../flows/assets.yaml'
import budgetYaml from '../flows/budget.yaml'
import complaintsYaml from '../flows/complaints.yaml'
import dialoguesYaml from '../flows/dialogues.yaml'
import ethicsYaml from '../flows/ethics.yaml'
import faqsYaml from '../flows/faqs.yaml'
import intentsYaml from '../flows/intents.yaml'
import itaItemsYaml from '../flows/ita-items.yaml'
import languageYaml from '../flows/language.yaml'
import measuresYaml from '../flows/measures.yaml'
import messagesYaml from '../flows/messages.yaml'
import nogiftYaml from '../flows/nogift.yaml'
import questionsYaml from '../flows/questions.yaml'
import richmenuYaml from '../flows/richmenu.yaml'
import synonymsYaml from '../flows/synonyms.yaml'
import { createApp } from './app.js'
import { createLogger, errorFields, type Logger } from './core/logger.js'
import { loadFlows } from './flows/load.js'
import { checkWorkerEnv, logMisconfigured, misconfiguredPage, type WorkerEnv } from './worker/env.js'
import { type WaitUntil, workerServices } from './worker/services.js'

// Every file in flows/ (a test checks none is missing).
const flows = loadFlows({
  'flows/assets.yaml': assetsYaml,
  'flows/budget.yaml': budgetYaml,
  'flows/complaints.yaml': complaintsYaml,
  'flows/dialogues.yaml': dialoguesYaml,
  'flows/ethics.yaml': ethicsYaml,
  'flows/faqs.yaml': faqsYaml,
  'flows/intents.yaml': intentsYaml,
  'flows/ita-items.yaml': itaItemsYaml,
  'flows/language.yaml': languageYaml,
  'flows/measures.yaml': measuresYaml,
  'flows/messages.yaml': messagesYaml,
  'flows/nogift.yaml': nogiftYaml,
  'flows/questions.yaml': questionsYaml,
  'flows/richmenu.yaml': richmenuYaml,
  'flows/synonyms.yaml': synonymsYaml,
})

const logger = (env: WorkerEnv): Logger => {
  const level = env.LOG_LEVEL
  return createLogger({
    level: level === 'debug' || level === 'warn' || level === 'error' ? level : 'info',
    write: (line) => console.log(line),
  })
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: WaitUntil): Promise<Response> {
    const log = logger(env)
    const checked = checkWorkerEnv(env)
    if (!checked.ok) {
      logMisconfigured(log, checked.problems, 'fetch')
      return misconfiguredPage(checked.problems)
    }
    const s = await workerServices(checked.setup, flows, log, ctx)
    try {
      return await createApp(s.deps).fetch(request)
    } finally {
      // The inbox drain the webhook started runs in waitUntil; the client closes after it.
      ctx.waitUntil(s.close().catch((err) => log.error('worker.close_failed', errorFields(err))))
    }
  },

  /** The cron trigger: node-cron's minute — inbox backstop, retention, housekeeping, broadcasts. */
  async scheduled(_controller: unknown, env: WorkerEnv, ctx: WaitUntil): Promise<void> {
    const log = logger(env)
    const checked = checkWorkerEnv(env)
    if (!checked.ok) {
      // Logged, not thrown: the next minute says the same until the setting is fixed.
      logMisconfigured(log, checked.problems, 'scheduled')
      return
    }
    const s = await workerServices(checked.setup, flows, log, ctx)
    try {
      await s.deps.inbox.drain().catch((err) => log.error('inbox.drain_failed', errorFields(err)))
      await s.deps.inbox.purge().catch((err) => log.error('inbox.purge_failed', errorFields(err)))
      await s.tick(new Date()).catch((err) => log.error('minute.failed', errorFields(err)))
    } finally {
      await s.close()
    }
  },
}
