import { afterEach, describe, expect, test } from 'vitest'
import { fromUtf8 } from '../../src/core/bytes.js'
import { orgChannels } from '../../src/orgs/channels.js'
import { createOrg, getOrg, setOrgChannel } from '../../src/orgs/service.js'
import { singleChannel } from '../../src/webhook/channels.js'
import { createSigner, signBody } from '../../src/webhook/signature.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, TEST_CHANNEL_SECRET, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { envelope, fromUser, signedRequest, simpleEvent } from '../helpers/line-events.js'

const NORTH = 'aaaabbbbccccddddeeeeffff00001111'
const TOKEN = 'north-access-token-0123456789'

describe.each(DB_KINDS)('organizations (%s)', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  test('the default org exists from the start; a new org stores its LINE credentials sealed', async () => {
    t = await createTestApp(kind)
    expect(await getOrg(t.deps.db, 'default')).toMatchObject({ slug: 'default', hasChannel: false })
    const made = await createOrg(t.deps.db, t.deps.keyring, {
      slug: 'north',
      nameTh: 'ภาคเหนือ',
      nameEn: 'North',
      channel: { channelSecret: NORTH, accessToken: TOKEN },
    })
    expect(made).toEqual({ ok: true })
    const row = await t.deps.db
      .selectFrom('orgs')
      .selectAll()
      .where('slug', '=', 'north')
      .executeTakeFirstOrThrow()
    expect(row.key_id).toBe(t.deps.keyring.keyId)
    const raw = `${fromUtf8(row.channel_secret ?? new Uint8Array())}${fromUtf8(row.channel_token ?? new Uint8Array())}`
    expect(raw).not.toContain(NORTH)
    expect(raw).not.toContain(TOKEN)
    expect(await createOrg(t.deps.db, t.deps.keyring, { slug: 'north', nameTh: 'x', nameEn: 'x' })).toEqual({
      ok: false,
      reason: 'exists',
    })
    expect(
      await createOrg(t.deps.db, t.deps.keyring, { slug: 'Bad Slug', nameTh: 'x', nameEn: 'x' }),
    ).toEqual({
      ok: false,
      reason: 'invalid_slug',
    })
  })

  test('the DB-backed resolver: default from the environment, others decrypted, cached briefly', async () => {
    t = await createTestApp(kind)
    await createOrg(t.deps.db, t.deps.keyring, {
      slug: 'north',
      nameTh: 'ภาคเหนือ',
      nameEn: 'North',
      channel: { channelSecret: NORTH, accessToken: TOKEN },
    })
    await createOrg(t.deps.db, t.deps.keyring, { slug: 'bare', nameTh: 'ไม่มีช่อง', nameEn: 'No channel' })
    let made = 0
    const resolve = orgChannels({
      db: t.deps.db,
      keyring: t.deps.keyring,
      clock: t.clock,
      fallback: singleChannel(await createSigner(TEST_CHANNEL_SECRET)),
      makeSigner: (s) => {
        made++
        return createSigner(s)
      },
    })
    const body = new TextEncoder().encode('{"events":[]}')
    const north = await resolve('north')
    expect(north?.orgId).toBe('north')
    expect(await north?.signer.verify(body, await signBody(NORTH, body))).toBe(true)
    expect(await north?.signer.verify(body, await signBody(TEST_CHANNEL_SECRET, body))).toBe(false)
    expect((await resolve('default'))?.orgId).toBe('default')
    expect(await resolve('bare')).toBeNull()
    expect(await resolve('missing')).toBeNull()
    expect(await resolve('../etc')).toBeNull()
    await resolve('north')
    expect(made).toBe(1)
    // A rotated secret takes effect once the cache entry has aged out.
    await setOrgChannel(t.deps.db, t.deps.keyring, 'north', {
      channelSecret: 'f'.repeat(32),
      accessToken: TOKEN,
    })
    t.clock.advance(61_000)
    const rotated = await resolve('north')
    expect(await rotated?.signer.verify(body, await signBody('f'.repeat(32), body))).toBe(true)
    expect(made).toBe(2)
  })
})

/** Adds the organization `north` with its own channel, and resolves webhook paths as the Node
 * entry does: the environment's channel for `/webhook`, `orgs` for the rest. */
async function withNorth(t: TestApp): Promise<void> {
  await createOrg(t.deps.db, t.deps.keyring, {
    slug: 'north',
    nameTh: 'ภาคเหนือ',
    nameEn: 'North',
    channel: { channelSecret: NORTH, accessToken: TOKEN },
  })
  t.deps.channels = orgChannels({
    db: t.deps.db,
    keyring: t.deps.keyring,
    clock: t.clock,
    fallback: singleChannel(await createSigner(TEST_CHANNEL_SECRET)),
    makeSigner: createSigner,
  })
}

describe.each(DB_KINDS)('/webhook/<org> through the DB-backed resolver (%s)', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  test("each org's events are signed with its own secret and stored under its id", async () => {
    t = await createTestApp(kind)
    await withNorth(t)
    // Stored rows are read before handling: a handled 1:1 event leaves no inbox row.
    await t.deps.inbox.stop()
    const north = envelope([simpleEvent('follow', fromUser())])
    const forged = await t.app.request(await signedRequest(north, TEST_CHANNEL_SECRET, '/webhook/north'))
    expect(forged.status).toBe(401)
    expect(await t.deps.db.selectFrom('webhook_inbox').selectAll().execute()).toEqual([])
    const ok = await t.app.request(await signedRequest(north, NORTH, '/webhook/north'))
    expect(ok.status).toBe(200)
    const home = await t.app.request(
      await signedRequest(envelope([simpleEvent('follow', fromUser())]), TEST_CHANNEL_SECRET),
    )
    expect(home.status).toBe(200)
    const rows = await t.deps.db.selectFrom('webhook_inbox').select('org_id').orderBy('org_id').execute()
    expect(rows.map((r) => r.org_id)).toEqual(['default', 'north'])
    expect((await t.app.request(await signedRequest(north, NORTH, '/webhook/nowhere'))).status).toBe(404)
    await t.settle()
  })
})

describe.each(DB_KINDS)("replies go out through the event's own organization (%s)", (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  test("a follow on /webhook/north is greeted with north's channel, never the default one", async () => {
    const home = new MemoryLine()
    const northLine = new MemoryLine()
    t = await createTestApp(kind, {
      line: home,
      lines: async (org) => (org === 'north' ? northLine : org === 'default' ? home : null),
    })
    await withNorth(t)
    const follow = simpleEvent('follow', fromUser(), { replyToken: 'rt-north' }, t.clock.now().getTime())
    const res = await t.app.request(await signedRequest(envelope([follow]), NORTH, '/webhook/north'))
    expect(res.status).toBe(200)
    await t.settle()
    expect(northLine.calls.map((c) => c.op)).toEqual(['reply'])
    expect(home.calls).toEqual([])
    const friend = await t.deps.db.selectFrom('line_friends').select('org_id').executeTakeFirst()
    expect(friend?.org_id).toBe('north')
  })
})
