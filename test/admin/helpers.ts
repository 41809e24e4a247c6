import { createAccount } from '../../src/admin/accounts.js'
import type { Role } from '../../src/console/session.js'
import { createOrg } from '../../src/orgs/service.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import type { DbKind } from '../helpers/db.js'
import { fromSocket } from '../helpers/socket.js'

export const PASSWORD_A = 'correct horse battery A'
export const PASSWORD_B = 'correct horse battery B'
export const NORTH_SECRET = 'aaaabbbbccccddddeeeeffff00001111'

/** A browser stand-in for app.request(): keeps cookies and the last page's CSRF token; `address` is its socket's peer. */
export class Client {
  cookies = new Map<string, string>()
  csrf = ''
  lastHtml = ''
  /** Sent with every request (e.g. a client's own X-Forwarded-For). */
  headers: Record<string, string> = {}
  constructor(
    private readonly t: TestApp,
    private readonly address = '192.0.2.10',
  ) {}

  private async send(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    for (const [k, v] of Object.entries(this.headers)) headers.set(k, v)
    if (this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '))
    }
    const res = await this.t.app.request(
      `http://localhost${path}`,
      { ...init, headers, redirect: 'manual' },
      fromSocket(this.address),
    )
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq)
      const value = pair.slice(eq + 1)
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    if ((res.headers.get('content-type') ?? '').includes('text/html')) {
      this.lastHtml = await res.clone().text()
      const m = this.lastHtml.match(/name="_csrf" value="([^"]*)"/)
      if (m?.[1]) this.csrf = m[1]
    }
    return res
  }

  get(path: string) {
    return this.send(path)
  }

  /** Posts a form; the CSRF token of the last page goes along unless `csrf` says otherwise. */
  post(path: string, fields: Record<string, string>, opts: { csrf?: string | null; origin?: string } = {}) {
    const body = new URLSearchParams(fields)
    const token = opts.csrf === undefined ? this.csrf : opts.csrf
    if (token !== null) body.set('_csrf', token)
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }
    if (opts.origin) headers.origin = opts.origin
    return this.send(path, { method: 'POST', body: body.toString(), headers })
  }

  /** Posts multipart (a file upload) with the last page's CSRF token. */
  postMultipart(path: string, fields: Record<string, string | Blob | File>) {
    const body = new FormData()
    body.set('_csrf', this.csrf)
    for (const [k, v] of Object.entries(fields)) body.set(k, v)
    return this.send(path, { method: 'POST', body })
  }

  async login(email: string, password: string): Promise<Response> {
    await this.get('/admin/login')
    return this.post('/admin/login', { email, password })
  }
}

/** Seeds an account that has already changed its first password. */

export async function seedAccount(t: TestApp, orgId: string, email: string, role: Role, password: string) {
  const made = await createAccount(
    t.deps.db,
    t.clock.now(),
    { orgId, email, role, password },
    null,
    t.deps.keyring.secrets.hash,
  )
  if (!made.ok) throw new Error(made.reason)
  await t.deps.db
    .updateTable('admin_accounts')
    .set({ must_change_password: false })
    .where('id', '=', made.id)
    .execute()
  return made.id
}

export async function seedGroup(t: TestApp, orgId: string, chatId: string, name: string, members: number) {
  await t.deps.db
    .insertInto('line_groups')
    .values({
      org_id: orgId,
      chat_id: chatId,
      chat_type: 'group',
      status: 'active',
      name,
      member_count: members,
      updated_at: t.clock.now(),
    })
    .execute()
}

/** Two agencies: the default one and "north", each with an owner and a group. */
export async function twoOrgs(kind: DbKind) {
  const t = await createTestApp(kind)
  const made = await createOrg(t.deps.db, t.deps.keyring, {
    slug: 'north',
    nameTh: 'สำนักงานภาคเหนือ',
    nameEn: 'Northern Office',
    channel: { channelSecret: NORTH_SECRET, accessToken: 'north-access-token-0123456789' },
  })
  if (!made.ok) throw new Error(made.reason)
  const ownerA = await seedAccount(t, 'default', 'owner-a@agency.go.th', 'owner', PASSWORD_A)
  const ownerB = await seedAccount(t, 'north', 'owner-b@north.go.th', 'owner', PASSWORD_B)
  await seedGroup(t, 'default', `C${'a'.repeat(32)}`, 'กองคลัง A', 12)
  await seedGroup(t, 'north', `C${'b'.repeat(32)}`, 'กองคลัง B', 7)
  return { t, ownerA, ownerB, groupA: `C${'a'.repeat(32)}`, groupB: `C${'b'.repeat(32)}` }
}

export const labelsOf = async (t: TestApp, orgId: string, chatId: string) =>
  (
    await t.deps.db
      .withTables<{ group_labels: { org_id: string; chat_id: string; label: string } }>()
      .selectFrom('group_labels')
      .select('label')
      .where('org_id', '=', orgId)
      .where('chat_id', '=', chatId)
      .orderBy('label')
      .execute()
  ).map((r) => r.label)

export const auditActions = async (t: TestApp, orgId: string | null) =>
  (
    await t.deps.db
      .selectFrom('admin_audit_log')
      .select('action')
      .where('org_id', orgId === null ? 'is' : '=', orgId)
      .orderBy('id')
      .execute()
  ).map((r) => r.action)
