// The bot for `npm run bench:evidence`'s webhook figure: src/runtime/node-app.ts as `npm start`
// builds it, with the evidence cleaner chosen by BENCH_EVIDENCE_PATH: `old`, today's path
// (pure JS on the event loop), or `new`, the worker pool with sharp from the build.
import { serve } from '@hono/node-server'
import { inlineCleaner } from '../../src/complaints/evidence/cleaner.js'
import { parseConfig } from '../../src/config.js'
import { createLogger } from '../../src/core/logger.js'
import { evidencePool } from '../../src/runtime/evidence-pool.js'
import { createNodeApp } from '../../src/runtime/node-app.js'

const parsed = parseConfig(process.env)
if (!parsed.ok) throw new Error(parsed.errors.join('; '))
const { env } = parsed.config
const node = await createNodeApp(parsed.config, createLogger({ level: 'error', write: () => {} }))
// The web form reads its cleaner per request: swapped here, before any request.
node.deps.evidence =
  process.env.BENCH_EVIDENCE_PATH === 'old'
    ? inlineCleaner()
    : evidencePool({
        workers: env.EVIDENCE_WORKERS,
        memoryMb: env.EVIDENCE_WORKER_MEMORY_MB,
        queue: env.EVIDENCE_QUEUE,
        timeoutMs: env.EVIDENCE_TIMEOUT_MS,
        nice: env.EVIDENCE_NICE,
        workerUrl: new URL('../../dist/runtime/evidence-worker.js', import.meta.url),
      })
node.deps.inbox.kick()
const server = serve({ fetch: node.app.fetch, port: env.PORT, hostname: '127.0.0.1' }, () =>
  console.log(`listening on ${env.PORT}`),
)
process.on('SIGTERM', () => {
  server.close()
  void Promise.all([node.deps.evidence.close(), node.close()]).then(() => process.exit(0))
})
