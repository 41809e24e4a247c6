import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAccount } from '../../../src/admin/accounts.js'
import { announceDeps, announceOfficerGrants } from '../../../src/complaints/officers/announce.js'
import { assertWithinLimits } from '../../../src/line/limits.js'
import { DB_KINDS } from '../../helpers/db.js'
import { grants, linkLine, ownerMakesOfficer } from './grants-helpers.js'
import { DAY_MS, labelOfficersGroup, OFFICERS_GROUP, officerWorld, type World } from './helpers.js'

// Granting the complaint-officer role: audited, dated on the account, shown on the officers'
// pages for 30 days, and pushed to the officers' LINE group (or their own linked accounts).

const LINE_A = `U${'a1'.repeat(16)}`
const LINE_B = `U${'b2'.repeat(16)}`
const LINE_NEW = `U${'c3'.repeat(16)}`
const GRANTED_AT = '22 พ.ย. 2569 10:00 น.'

const texts = (w: World) =>
  w.line.calls.flatMap((c) =>
    c.op === 'push'
      ? [{ to: c.to, text: c.messages.map((m) => (m.type === 'text' ? m.text : '')).join('') }]
      : [],
  )

describe.each(DB_KINDS)('complaint officers: granting the role (%s)', (kind) => {
  let w: World
  beforeEach(async () => {
    w = await officerWorld(kind)
  })
  afterEach(() => w.t.close())

  it('is audited, dated on the account, on the officers’ pages, and pushed to their LINE group', async () => {
    await labelOfficersGroup(w.t)
    const c = await w.file()
    const made = await ownerMakesOfficer(w, 'new.officer@agency.go.th')

    const account = await w.t.deps.db
      .selectFrom('admin_accounts')
      .select(['role', 'officer_since'])
      .where('id', '=', made.id)
      .executeTakeFirstOrThrow()
    expect(account).toEqual({ role: 'complaint_officer', officer_since: w.t.clock.now() })
    const [grant, ...more] = await grants(w.t)
    expect(more).toEqual([])
    expect(grant).toMatchObject({
      account_id: made.id,
      email: 'new.officer@agency.go.th',
      granted_by: 'owner@agency.go.th',
      granted_at: w.t.clock.now(),
    })
    expect(grant?.announced_at).not.toBeNull()
    const audit = await w.t.deps.db
      .selectFrom('admin_audit_log')
      .select(['action', 'actor_email', 'target', 'detail'])
      .where('action', 'like', 'account.%')
      .orderBy('id')
      .execute()
    expect(audit.filter((e) => e.target === 'new.officer@agency.go.th')).toEqual([
      {
        action: 'account.created',
        actor_email: 'owner@agency.go.th',
        target: 'new.officer@agency.go.th',
        detail: 'complaint_officer',
      },
      {
        action: 'account.officer_granted',
        actor_email: 'owner@agency.go.th',
        target: 'new.officer@agency.go.th',
        detail: grant?.id,
      },
    ])

    // LINE: one push to the officers' group, within LINE's limits, under a stable retry key.
    const pushes = w.line.calls.filter((x) => x.op === 'push')
    expect(pushes.map((p) => p.op === 'push' && p.to)).toEqual([OFFICERS_GROUP])
    const [push] = pushes
    if (push?.op !== 'push') throw new Error('no push')
    expect(() => assertWithinLimits(push.messages)).not.toThrow()
    const [text] = texts(w)
    expect(text?.text).toContain('บัญชี: new.officer@agency.go.th')
    expect(text?.text).toContain('ผู้ให้สิทธิ์: owner@agency.go.th')
    expect(text?.text).toContain(`เมื่อ: ${GRANTED_AT}`)
    expect(text?.text).toContain('ไม่ได้จนครบ 7 วัน')
    // Announced once: the minute's job finds nothing left to send.
    expect(await announceOfficerGrants(announceDeps(w.t.deps), w.t.clock.now())).toBe(0)
    expect(w.line.calls.filter((x) => x.op === 'push')).toHaveLength(1)

    // Every officer sees the banner, on the list and on a case; the new officer too.
    const a = await w.as('a')
    for (const page of ['/admin/complaints', `/admin/complaints/${c.id}`]) {
      const html = await (await a.get(page)).text()
      expect(html).toContain('id="officer-grants"')
      expect(html).toContain(`new.officer@agency.go.th — ให้สิทธิ์โดย owner@agency.go.th เมื่อ ${GRANTED_AT}`)
    }
    const en = await (await a.get('/admin/complaints?lang=en')).text()
    expect(en).toContain('new.officer@agency.go.th — granted by owner@agency.go.th on 22 Nov 2569 BE 10:00')
    expect(await (await (await made.signIn()).get('/admin/complaints')).text()).toContain(
      'id="officer-grants"',
    )

    // After 30 days it is no longer news.
    w.t.clock.advance(31 * DAY_MS)
    const later = await (await (await w.as('b')).get('/admin/complaints')).text()
    expect(later).not.toContain('id="officer-grants"')
  })

  it("without an officers' group, the other officers' linked LINE accounts are told", async () => {
    await linkLine(w.t, w.officerA, LINE_A)
    await linkLine(w.t, w.officerB, LINE_B)
    await linkLine(w.t, w.owner, `U${'0d'.repeat(16)}`) // an owner's link is not an officer's
    const made = await ownerMakesOfficer(w, 'second@agency.go.th')
    expect(
      texts(w)
        .map((p) => p.to)
        .sort(),
    ).toEqual([LINE_A, LINE_B].sort())
    expect(texts(w).every((p) => p.text.includes('second@agency.go.th'))).toBe(true)
    const keys = w.line.calls.flatMap((x) => (x.op === 'push' ? [x.opts.retryKey] : []))
    expect(new Set(keys).size).toBe(2)

    // A later grant reaches the first new officer too, once linked, but never the grantee itself.
    await linkLine(w.t, made.id, LINE_NEW)
    await ownerMakesOfficer(w, 'third@agency.go.th', '192.0.2.78')
    expect(
      texts(w)
        .filter((p) => p.text.includes('third@agency.go.th'))
        .map((p) => p.to)
        .sort(),
    ).toEqual([LINE_A, LINE_B, LINE_NEW].sort())
  })

  it('while LINE is unreachable the grant waits, and the minute job sends it under the same key', async () => {
    await labelOfficersGroup(w.t)
    w.line.script.push({ kind: 'unavailable', status: 503, detail: 'down' })
    await ownerMakesOfficer(w, 'late@agency.go.th')
    expect((await grants(w.t))[0]?.announced_at).toBeNull()
    expect(w.t.logs.join('\n')).toContain('officer_grant.announce_failed')

    w.t.clock.advance(60_000)
    expect(await announceOfficerGrants(announceDeps(w.t.deps), w.t.clock.now())).toBe(1)
    const keys = w.line.calls.flatMap((x) => (x.op === 'push' ? [x.opts.retryKey] : []))
    expect(keys).toHaveLength(2)
    expect(new Set(keys).size).toBe(1)
    expect((await grants(w.t))[0]?.announced_at).not.toBeNull()
    // Logs say how many were told, never to whom.
    expect(w.t.logs.join('\n')).not.toContain(OFFICERS_GROUP)
    expect(w.t.logs.join('\n')).not.toContain('late@agency.go.th')
  })

  it('the CLI grants are recorded as such; other roles grant nothing', async () => {
    const made = await createAccount(
      w.t.deps.db,
      w.t.clock.now(),
      { orgId: 'default', email: 'cli.officer@agency.go.th', role: 'complaint_officer' },
      null,
      w.t.deps.keyring.secrets.hash,
    )
    expect(made.ok).toBe(true)
    await createAccount(
      w.t.deps.db,
      w.t.clock.now(),
      { orgId: 'default', email: 'news2@agency.go.th', role: 'broadcaster' },
      null,
      w.t.deps.keyring.secrets.hash,
    )
    expect((await grants(w.t)).map((g) => [g.email, g.granted_by])).toEqual([
      ['cli.officer@agency.go.th', 'cli'],
    ])
    const broadcaster = await w.t.deps.db
      .selectFrom('admin_accounts')
      .select('officer_since')
      .where('email', '=', 'news2@agency.go.th')
      .executeTakeFirstOrThrow()
    expect(broadcaster.officer_since).toBeNull()
    const page = await (await (await w.as('a')).get('/admin/complaints')).text()
    expect(page).toContain('cli.officer@agency.go.th — ให้สิทธิ์โดย คำสั่ง admin:create (CLI)')
  })
})
