import { recordGift } from '../../src/nogift/gifts.js'
import { Client, PASSWORD_A, PASSWORD_B, seedAccount, twoOrgs } from '../admin/helpers.js'
import type { DbKind } from '../helpers/db.js'

// Two agencies (default and north) with every console role, for the evidence pages.
export async function evidenceWorld(kind: DbKind) {
  const { t } = await twoOrgs(kind)
  await seedAccount(t, 'default', 'auditor@agency.go.th', 'auditor', PASSWORD_A)
  await seedAccount(t, 'default', 'caster@agency.go.th', 'broadcaster', PASSWORD_A)
  await seedAccount(t, 'default', 'officer@agency.go.th', 'complaint_officer', PASSWORD_A)
  await seedAccount(t, 'north', 'auditor@north.go.th', 'auditor', PASSWORD_B)
  const as = async (email: string) => {
    const c = new Client(t)
    const res = await c.login(email, email.endsWith('@north.go.th') ? PASSWORD_B : PASSWORD_A)
    if (res.status !== 303) throw new Error(`login of ${email}: ${res.status}`)
    return c
  }
  const gift = (orgId: string, n: number, value: string, handling: string, receivedOn = '2026-01-02') =>
    recordGift(
      t.deps.db,
      t.deps.keyring,
      orgId,
      { giverType: 'contractor', item: `กระเช้า ${n}`, value, receivedOn, handling },
      { now: t.clock.now(), tz: 'Asia/Bangkok', reference: `GR-2569-T${n}`, id: crypto.randomUUID() },
    )
  return { t, as, gift }
}

export const evidenceAudit = async (t: Awaited<ReturnType<typeof evidenceWorld>>['t'], orgId: string) =>
  t.deps.db
    .selectFrom('admin_audit_log')
    .select(['action', 'target', 'detail', 'actor_email'])
    .where('org_id', '=', orgId)
    .where('action', 'like', 'evidence.%')
    .orderBy('id')
    .execute()
