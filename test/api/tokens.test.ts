import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { authenticate, createApiToken, listApiTokens, sha256Hex } from '../../src/api/tokens.js'
import { DB_KINDS } from '../helpers/db.js'
import { type ApiWorld, apiWorld } from './helpers.js'

describe.each(DB_KINDS)('API tokens (%s)', (kind) => {
  let w: ApiWorld
  beforeEach(async () => {
    w = await apiWorld(kind)
  })
  afterEach(async () => {
    await w.t.close()
  })

  it('stores the hash and a display prefix, never the secret; creation is audited', async () => {
    const db = w.t.deps.db
    const rows = await db.selectFrom('api_tokens').selectAll().where('org_id', '=', 'default').execute()
    const row = rows.find((r) => r.name === 'ระบบ e-Office')
    expect(w.token).toMatch(/^itab_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/)
    expect(row?.token_hash).toBe(await sha256Hex(w.token))
    expect(JSON.stringify(rows)).not.toContain(w.token.split('_').slice(2).join('_'))
    expect(w.token.startsWith(`itab_${row?.prefix}_`)).toBe(true)
    const listed = await listApiTokens(db, 'default')
    expect(listed.map((t) => t.name)).toEqual(['ระบบ e-Office', 'ระบบเก่า'])
    expect(listed[0]).not.toHaveProperty('token_hash')
    const actions = await db
      .selectFrom('admin_audit_log')
      .select('action')
      .where('org_id', '=', 'default')
      .execute()
    expect(actions.map((a) => a.action)).toEqual([
      'api_token.created',
      'api_token.created',
      'api_token.revoked',
    ])
  })

  it('authenticates to its own organization and records last use', async () => {
    const db = w.t.deps.db
    const now = w.t.clock.now()
    expect(await authenticate(db, now, `Bearer ${w.northToken}`)).toMatchObject({
      orgId: 'north',
      actor: 'api:ระบบสารบรรณ',
    })
    const row = await db
      .selectFrom('api_tokens')
      .select('last_used_at')
      .where('name', '=', 'ระบบสารบรรณ')
      .executeTakeFirst()
    expect(row?.last_used_at?.toISOString()).toBe(now.toISOString())
    expect(await authenticate(db, now, w.northToken)).toBeNull()
    expect(await authenticate(db, now, undefined)).toBeNull()
  })

  it('refuses an unknown organization or an empty name', async () => {
    const db = w.t.deps.db
    const at = w.t.clock.now()
    expect(await createApiToken(db, at, { orgId: 'nope', name: 'x', createdBy: 'cli' })).toEqual({
      ok: false,
      reason: 'no_org',
    })
    expect(await createApiToken(db, at, { orgId: 'default', name: '  ', createdBy: 'cli' })).toEqual({
      ok: false,
      reason: 'invalid_name',
    })
  })
})
