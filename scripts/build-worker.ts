// npm run build:worker — builds the Cloudflare Worker offline (`wrangler deploy --dry-run`) into
// dist/worker/ and prints its size against the Workers Free plan's 3 MB compressed limit.
// Deploying is `npx wrangler deploy` (README "Deploying to Cloudflare Workers").
import { rmSync } from 'node:fs'
import { bundleWorker, describeBundle, FREE_PLAN_GZIP_LIMIT } from './worker-bundle.js'

const outdir = 'dist/worker'
rmSync(outdir, { recursive: true, force: true })
try {
  const bundle = await bundleWorker(outdir)
  console.log(describeBundle(bundle))
  if (bundle.gzip > FREE_PLAN_GZIP_LIMIT) {
    console.error('Over the Free plan limit: deploying needs Workers Paid (10 MB).')
    process.exit(1)
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err))
  process.exit(1)
}
