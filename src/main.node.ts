import cron from 'node-cron'
import { parseConfig } from './config.js'
import { createLogger, errorFields } from './core/logger.js'
import { createNodeApp } from './runtime/node-app.js'
import { closeServer, listen } from './runtime/node-listen.js'

async function main(): Promise<void> {
  const parsed = parseConfig(process.env)
  if (!parsed.ok) {
    console.error(`Configuration error / ตั้งค่าไม่ถูกต้อง:\n  ${parsed.errors.join('\n  ')}`)
    process.exit(1)
  }
  const config = parsed.config
  const log = createLogger({ level: config.env.LOG_LEVEL, write: (l) => process.stdout.write(`${l}\n`) })
  const node = await createNodeApp(config, log)
  const { deps } = node

  // The minute tick: due broadcasts, and the inbox backstop (retries after backoff, anything a
  // crash left behind). The Worker's scheduled handler runs the same steps.
  const tick = cron.schedule(
    '* * * * *',
    async () => {
      deps.inbox.kick()
      await deps.inbox.purge().catch((err) => log.error('inbox.purge_failed', errorFields(err)))
      await node.tick()
    },
    { noOverlap: true },
  )
  deps.inbox.kick()

  const { server, base, reach } = await listen(node.app.fetch, config)
  console.log(`ITA integrity bot listening on ${base} (database: ${node.dbKind}, LINE: ${config.line.kind})`)
  console.log(`  reachable from ${reach}`)
  console.log(`  webhook   ${base}/webhook`)
  console.log(`  health    ${base}/healthz`)
  if (node.simulator)
    console.log(`  chat      ${base}/dev/chat   (LINE simulator; in a terminal: npm run chat)`)
  // A restarted instance takes up an open broadcast now, not at the next minute.
  void node.resume().catch((err) => log.error('resume.failed', errorFields(err)))

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    log.info('shutdown.begin', { signal })
    // Each step's time is logged: an operator whose instance is slow to stop sees which one.
    const began = performance.now()
    const step = async (name: string, work: () => Promise<unknown>) => {
      const t0 = performance.now()
      await work()
      log.info('shutdown.step', { step: name, ms: Math.round(performance.now() - t0) })
    }
    await step('scheduler', async () => tick.stop())
    // Stop taking requests, then let in-flight inbox work finish before the database closes.
    await step('server', () => closeServer(server))
    await step('app', () => node.close())
    log.info('shutdown.done', { signal, ms: Math.round(performance.now() - began) })
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
