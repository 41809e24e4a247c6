import { createHmac } from 'node:crypto'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { parseEnvelope } from '../../src/webhook/events.js'
import { createNodeKeyring, createNodeSigner } from '../../src/runtime/node-crypto.js'
import { createSigner } from '../../src/webhook/signature.js'
import { bodies } from './load.js'

const SECRET = 'b'.repeat(32)
const src = bodies(SECRET)
const items = Array.from({ length: 2000 }, () => src.next())
const raws = items.map((b) => new Uint8Array(Buffer.from(b.body)))
const N = 20000
async function time(name: string, fn: (i: number) => unknown) {
  for (let i = 0; i < 2000; i++) await fn(i)
  const t = performance.now()
  for (let i = 0; i < N; i++) await fn(i)
  console.log(`${name.padEnd(40)} ${(((performance.now() - t) * 1000) / N).toFixed(2)} µs`)
}
const signer = createNodeSigner(SECRET)
const wsigner = await createSigner(SECRET)
const kr = createNodeKeyring('x'.repeat(40), Buffer.alloc(32, 9).toString('base64'))
await time('node signer verify', (i) => signer.verify(raws[i % 2000]!, items[i % 2000]!.signature))
await time('webcrypto signer verify', (i) => wsigner.verify(raws[i % 2000]!, items[i % 2000]!.signature))
await time('TextDecoder+JSON.parse', (i) => JSON.parse(new TextDecoder().decode(raws[i % 2000])))
const jsons = raws.map((r) => JSON.parse(new TextDecoder().decode(r)))
await time('parseEnvelope (zod)', (i) => parseEnvelope(jsons[i % 2000]))
const ev = jsons[0].events[0]
await time('pseudonym', (i) => kr.pseudonym('chat', `U${i}`))
await time('JSON.stringify event', () => JSON.stringify(ev))
const plain = new TextEncoder().encode(JSON.stringify(ev))
await time('seal', () => kr.seal(plain))
// kysely compile of a batch insert of 30 rows
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool() }) })
const now = new Date()
const row = (i: number) => ({
  event_id: `e${i}`, org_id: 'default', event_type: 'message', mode: 'active', chat_key: 'k'.repeat(32),
  message_id: '123', event_ts: now, status: 'pending', received_at: now, next_attempt_at: now,
  payload: Buffer.alloc(450), key_id: 'abcd', outcome: null,
})
const rows30 = Array.from({ length: 30 }, (_, i) => row(i))
await time('kysely compile 30 rows (per row)', () => {
  for (let k = 0; k < 1; k++) db.insertInto('webhook_inbox').values(rows30).onConflict((oc) => oc.column('event_id').doNothing()).returning('event_id').compile()
})
await time('pg prepareValue Date', () => (pg as any).Client && require_prepare(now))
function require_prepare(d: Date) { return d.toISOString() }
