import { utf8 } from '../../../src/core/bytes.js'
import { Client } from '../../admin/helpers.js'
import type { TestApp } from '../../helpers/app.js'
import type { World } from './helpers.js'

// Granting the complaint-officer role as an owner does it: through the console's account form.

export const NEW_PASSWORD = 'a new officer passphrase'

/**
 * The owner creates an officer account at /admin/accounts and, knowing its one-time password,
 * signs in as it: what an owner bent on the two-officer rules would do.
 */
export async function ownerMakesOfficer(w: World, email: string, address = '192.0.2.77') {
  const owner = await w.as('owner')
  await owner.get('/admin/accounts')
  const made = await owner.post('/admin/accounts', { email, role: 'complaint_officer' })
  if (made.status !== 200) throw new Error(`account form: ${made.status}`)
  const oneTime = owner.lastHtml.match(/<code>([^<]+)<\/code>/)?.[1]
  if (!oneTime) throw new Error('no one-time password shown')
  const id = await accountId(w.t, email)
  await w.t.settle() // the LINE announcement, sent in the background
  return {
    owner,
    id,
    /** The first sign-in, which sets the account's own password. */
    signIn: () => signIn(w.t, email, oneTime, address),
    /** Later sign-ins (after the clock moved on, say). */
    async signInAgain() {
      const c = new Client(w.t, address)
      const res = await c.login(email, NEW_PASSWORD)
      if (res.status !== 303) throw new Error(`login: ${res.status}`)
      return c
    },
  }
}

export async function signIn(t: TestApp, email: string, oneTime: string, address: string) {
  const c = new Client(t, address)
  await c.login(email, oneTime)
  await c.get('/admin/password')
  const res = await c.post('/admin/password', { current: oneTime, next: NEW_PASSWORD, confirm: NEW_PASSWORD })
  if (res.status !== 200) throw new Error(`password change: ${res.status}`)
  return c
}

export async function accountId(t: TestApp, email: string) {
  const row = await t.deps.db
    .selectFrom('admin_accounts')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow()
  return row.id
}

/** An officer's own LINE account, linked as /admin/line-link does (the id sealed). */
export async function linkLine(t: TestApp, accountId: string, lineUser: string) {
  await t.deps.db
    .insertInto('admin_line_links')
    .values({
      account_id: accountId,
      org_id: 'default',
      line_user: await t.deps.keyring.seal(utf8(lineUser)),
      key_id: t.deps.keyring.keyId,
      linked_at: t.clock.now(),
    })
    .execute()
}

/** The grants a test made (the world's officers A and B were granted long before). */
export const grants = (t: TestApp) =>
  t.deps.db
    .selectFrom('admin_officer_grants')
    .selectAll()
    .where('email', 'not in', ['officer-a@agency.go.th', 'officer-b@agency.go.th'])
    .orderBy('granted_at')
    .execute()
