// The floor for `bench:webhook`: a bare Hono server that checks LINE's signature and, when
// DATABASE_URL is set, does one INSERT of the event before answering 200. Nothing else.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import pg from 'pg'
import { createSigner } from '../../src/webhook/signature.js'

const port = Number(process.env.PORT ?? 4001)
const secret = process.env.BENCH_CHANNEL_SECRET ?? ''
const url = process.env.DATABASE_URL
const signer = await createSigner(secret)
const pool = url ? new pg.Pool({ connectionString: url, max: 10 }) : null
if (pool) {
  await pool.query('create table if not exists bench_events (event_id text primary key, body text not null)')
}

const app = new Hono()
app.post('/webhook', async (c) => {
  const raw = new Uint8Array(await c.req.arrayBuffer())
  if (!(await signer.verify(raw, c.req.header('x-line-signature')))) return c.json({ error: 'sig' }, 401)
  if (pool) {
    const body = new TextDecoder().decode(raw)
    const id = (JSON.parse(body) as { events: { webhookEventId: string }[] }).events[0]?.webhookEventId
    await pool.query('insert into bench_events values ($1, $2) on conflict do nothing', [id, body])
  }
  return c.json({ ok: true })
})
serve({ fetch: app.fetch, port }, () => console.log(`baseline listening on ${port}`))
