import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleWorker, describeBundle, FREE_PLAN_GZIP_LIMIT } from '../../scripts/worker-bundle.js'
import { saveAudience } from '../../src/broadcasts/audiences.js'
import { createDraft, scheduleBroadcast } from '../../src/broadcasts/service.js'
import { systemClock } from '../../src/core/clock.js'
import { pbkdf2Hasher } from '../../src/core/secret-hash.js'
import { createPgDb } from '../../src/db/pg.js'
import type { Database } from '../../src/db/schema.js'
import { createOrg } from '../../src/orgs/service.js'
import { createNodeKeyring } from '../../src/runtime/node-crypto.js'
import { parseEnvelope } from '../../src/webhook/events.js'
import { ingestEnvelope } from '../../src/webhook/inbox-service.js'
import { createInboxWriter } from '../../src/webhook/inbox-writer.js'
import { signBody } from '../../src/webhook/signature.js'
import { FAKE_LINE_TOKEN, type FakeLine, startFakeLine } from '../fakes/fake-line-server.js'
import { TEST_APP_SECRET, TEST_CHANNEL_SECRET, TEST_DATA_KEY } from '../helpers/app.js'
import { envelope, fromUser, textEvent, USER_A, USER_B } from '../helpers/line-events.js'
import {
  createWorkerDatabase,
  type DevWorker,
  runCli,
  startDevWorker,
  until,
  WebClient,
  type WorkerDatabase,
  workerdUnavailable,
} from './workerd.js'

// The Worker entry as Cloudflare runs it: wrangler.toml built by wrangler and served by workerd
// (`wrangler dev --local`, offline), Hyperdrive pointed at the tests' PostgreSQL, LINE at a fake
// on loopback. Slow (a workerd start is several seconds): one Worker serves every case below.

const unavailable = workerdUnavailable()
if (unavailable) console.warn(`SKIPPED: the Worker cannot be run in workerd here: ${unavailable}`)

const SECRETS = {
  LINE_CHANNEL_SECRET: TEST_CHANNEL_SECRET,
  LINE_CHANNEL_ACCESS_TOKEN: FAKE_LINE_TOKEN,
  APP_SECRET: TEST_APP_SECRET,
  DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
}
const NORTH_SECRET = 'aaaabbbbccccddddeeeeffff00001111'

function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL
  if (!url) throw new Error('TEST_DATABASE_URL is not set')
  return url
}

async function postWebhook(worker: DevWorker, body: string, secret: string, path = '/webhook') {
  const signature = await signBody(secret, body)
  return fetch(`${worker.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': signature },
    body,
  })
}

describe.skipIf(unavailable !== null)('the Worker in workerd (wrangler dev, offline)', () => {
  let database: WorkerDatabase
  let db: Kysely<Database>
  let line: FakeLine
  let worker: DevWorker

  beforeAll(async () => {
    database = await createWorkerDatabase(testDatabaseUrl())
    db = createPgDb(database.url, { max: 2 })
    line = await startFakeLine()
    worker = await startDevWorker({
      databaseUrl: database.url,
      vars: { ...SECRETS, LINE_API_BASE_URL: line.url, LINE_DATA_API_BASE_URL: line.url },
    })
  }, 240_000)

  afterAll(async () => {
    await worker?.stop()
    await line?.close()
    await db?.destroy()
    await database?.drop()
  }, 60_000)

  it('answers a signed webhook, and the reply made in waitUntil reaches LINE', async () => {
    const event = { ...textEvent('เมนู', fromUser(USER_A)), replyToken: line.issueReplyToken(USER_A) }
    const res = await postWebhook(worker, envelope([event]), TEST_CHANNEL_SECRET)
    expect(res.status).toBe(200)
    await until('the reply reached LINE', () =>
      line.delivered().some((d) => d.via === 'reply' && d.to === USER_A),
    )
    // Handled in the Worker: a 1:1 event's row goes entirely, sealed payload and all.
    const row = db.selectFrom('webhook_inbox').select('event_id').where('event_id', '=', event.webhookEventId)
    await until('the handled 1:1 event left no inbox row', async () => (await row.execute()).length === 0)

    expect((await postWebhook(worker, envelope([event]), 'f'.repeat(32))).status).toBe(401)
  }, 60_000)

  it('opens what Node sealed: an organization added from Node gets its webhook answered', async () => {
    // node:crypto seals the channel; the Worker opens it with WebCrypto to check the signature and reply.
    const keyring = createNodeKeyring(TEST_APP_SECRET, TEST_DATA_KEY)
    const channel = { channelSecret: NORTH_SECRET, accessToken: FAKE_LINE_TOKEN }
    const made = await createOrg(db, keyring, { slug: 'north', nameTh: 'ภาคเหนือ', nameEn: 'North', channel })
    expect(made.ok).toBe(true)
    const event = { ...textEvent('เมนู', fromUser(USER_B)), replyToken: line.issueReplyToken(USER_B) }
    expect((await postWebhook(worker, envelope([event]), TEST_CHANNEL_SECRET, '/webhook/north')).status).toBe(
      401,
    )
    expect((await postWebhook(worker, envelope([event]), NORTH_SECRET, '/webhook/north')).status).toBe(200)
    await until('north replied', () => line.delivered().some((d) => d.via === 'reply' && d.to === USER_B))
  }, 60_000)

  it('the cron trigger is the inbox backstop: an event stored but never handled gets its reply', async () => {
    // As if a Worker died after the 200 and before its waitUntil drain: the row is written from
    // Node (node:crypto seal), and only the scheduled handler can find it.
    const user = `U${'c'.repeat(32)}`
    const event = { ...textEvent('เมนู', fromUser(user)), replyToken: line.issueReplyToken(user) }
    const parsed = parseEnvelope(JSON.parse(envelope([event])))
    if (!parsed.ok) throw new Error(parsed.error)
    const keyring = createNodeKeyring(TEST_APP_SECRET, TEST_DATA_KEY)
    await ingestEnvelope(
      db,
      createInboxWriter(db),
      keyring,
      'default',
      parsed.envelope,
      parsed.known,
      new Date(),
    )
    const status = db
      .selectFrom('webhook_inbox')
      .select('status')
      .where('event_id', '=', event.webhookEventId)
    expect(await status.executeTakeFirstOrThrow()).toEqual({ status: 'pending' })

    expect(await (await fetch(`${worker.url}/__scheduled?cron=*+*+*+*+*`)).text()).toBe('Ran scheduled event')
    expect(line.delivered().some((d) => d.via === 'reply' && d.to === user)).toBe(true)
    expect(await status.executeTakeFirst()).toBeUndefined() // handled 1:1: no row left
  }, 60_000)

  it('the cron trigger sends a due broadcast exactly once, however often it fires', async () => {
    const groups = [1, 2, 3].map((i) => `C${String(i).repeat(32)}`)
    const now = new Date()
    for (const chatId of groups) {
      const group = {
        org_id: 'default',
        chat_id: chatId,
        chat_type: 'group' as const,
        status: 'active' as const,
      }
      await db
        .insertInto('line_groups')
        .values({ ...group, member_count: 1, joined_at: now, updated_at: now })
        .execute()
      await db.insertInto('group_labels').values({ org_id: 'default', chat_id: chatId, label: 'w' }).execute()
    }
    await saveAudience(db, 'default', 'aud-w', 'w', [{ kind: 'label', value: 'w' }], now)
    const text = `ส่งจาก Worker ${crypto.randomUUID()}`
    const deps = { db, clock: systemClock }
    const draft = await createDraft(deps, 'default', 'workerd-test', {
      timeZone: 'Asia/Bangkok',
      title: 'workerd',
      template: 'text',
      messages: [{ type: 'text', text }],
      audience: 'aud-w',
      measure: 'nogift',
      runAt: now,
    })
    if (!draft.ok) throw new Error(draft.error.en)
    expect((await scheduleBroadcast(deps, 'default', draft.value.id)).ok).toBe(true)

    // wrangler's /__scheduled and miniflare's own trigger at once, then once more.
    const cron = 'cron=*+*+*+*+*'
    const fired = await Promise.all([
      fetch(`${worker.url}/__scheduled?${cron}`),
      fetch(`${worker.url}/cdn-cgi/local/scheduled?${cron}`),
    ])
    for (const res of fired) expect(res.status, await res.text()).toBe(200)
    const again = await fetch(`${worker.url}/__scheduled?${cron}`)
    expect(await again.text()).toBe('Ran scheduled event')

    const sent = () => line.delivered().filter((d) => JSON.stringify(d.messages).includes(text))
    await until('every group got the broadcast', () => sent().length >= groups.length)
    expect(
      sent()
        .map((d) => d.to)
        .sort(),
    ).toEqual(groups)
    expect(sent().every((d) => d.via === 'push' && d.retryKey !== null)).toBe(true)
    const run = await db
      .selectFrom('broadcast_runs')
      .select('status')
      .where('broadcast_id', '=', draft.value.id)
      .executeTakeFirstOrThrow()
    expect(run.status).toBe('sent')
  }, 90_000)

  it('logs into the admin console with a hash made under Node; the new hash verifies under Node', async () => {
    const email = 'owner@agency.go.th'
    const first = 'first-password-from-node'
    const args = ['--org', 'default', '--email', email, '--role', 'owner', '--password-stdin']
    runCli('src/cli/admin-create.ts', args, { DATABASE_URL: database.url, NODE_ENV: 'test' }, first)

    const browser = new WebClient(worker.url)
    expect((await browser.send('/admin/login')).status).toBe(200)
    const login = await browser.post('/admin/login', { email, password: first })
    expect(login.status, await login.text()).toBe(303)
    expect(login.headers.get('location')).toBe('/admin/password')
    expect(browser.cookies.has('__Host-admin_session')).toBe(true)

    expect((await browser.send('/admin/password')).status).toBe(200)
    const next = 'second-password-from-workerd'
    const changed = await browser.post('/admin/password', { current: first, next, confirm: next })
    expect(changed.status, await changed.text()).toBe(200)
    expect((await browser.send('/admin/home')).status).toBe(200)

    const { password_hash } = await db
      .selectFrom('admin_accounts')
      .select('password_hash')
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
    expect(password_hash).toMatch(/^pbkdf2-sha256\$100000\$/)
    expect(await pbkdf2Hasher().verify(next, password_hash)).toBe(true)
  }, 90_000)

  it('logged no error and no uncaught exception meanwhile', () => {
    const out = worker.output()
    expect(out, out).not.toMatch(/"level":"error"|Uncaught|✘ \[ERROR\]/)
    expect(out).toMatch(/"event":"broadcast\.tick"/)
  })

  it('serves the web complaint form, the API description and the health check', async () => {
    const report = await fetch(`${worker.url}/report`)
    expect(report.status).toBe(200)
    expect(await report.text()).toContain('<form')
    expect((await fetch(`${worker.url}/api/v1/openapi.json`)).status).toBe(200)
    expect((await fetch(`${worker.url}/api/v1/docs`)).status).toBe(200)
    expect((await fetch(`${worker.url}/api/v1/broadcasts`)).status).toBe(401)
    expect(await (await fetch(`${worker.url}/healthz`)).json()).toMatchObject({ database: 'reachable' })
  }, 30_000)
})

describe.skipIf(unavailable !== null)('the Worker without a secret and a binding', () => {
  it('answers 503 with a page naming them and logs them, on requests and cron alike', async () => {
    const { APP_SECRET: _, ...rest } = SECRETS
    const worker = await startDevWorker({ vars: rest })
    try {
      const page = await fetch(`${worker.url}/webhook`, { method: 'POST', body: '{}' })
      expect(page.status).toBe(503)
      const html = await page.text()
      expect(html).toContain('APP_SECRET: secret missing (wrangler secret put APP_SECRET)')
      expect(html).toContain('HYPERDRIVE: binding missing')
      expect(await (await fetch(`${worker.url}/__scheduled?cron=*+*+*+*+*`)).text()).toBe(
        'Ran scheduled event',
      )
      await worker.waitFor(/"event":"worker\.misconfigured","during":"scheduled"/, 10_000)
      expect(worker.output()).toMatch(/"during":"fetch","missing":"APP_SECRET,HYPERDRIVE"/)
      expect(worker.output()).not.toMatch(/Uncaught|✘ \[ERROR\]/)
    } finally {
      await worker.stop()
    }
  }, 240_000)
})

describe('the Worker bundle (wrangler deploy --dry-run)', () => {
  it('is under the Workers Free plan limit, with every flows/ file inside', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'worker-bundle-'))
    try {
      const bundle = await bundleWorker(outdir)
      console.log(describeBundle(bundle))
      expect(bundle.gzip).toBeLessThan(FREE_PLAN_GZIP_LIMIT)
      const names = bundle.modules.map((m) => m.name)
      expect(names).toContain('main.worker.js')
      // flows/ travels inside as text modules: nothing is read from a filesystem at run time.
      for (const file of readdirSync('flows').filter((n) => n.endsWith('.yaml'))) {
        expect(
          names.some((n) => n.endsWith(`-${file}`)),
          file,
        ).toBe(true)
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true })
    }
  }, 120_000)
})
