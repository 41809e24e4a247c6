import { readFileSync } from 'node:fs'
import { DEFAULT_SEND_OPTIONS, tick } from '../../src/broadcasts/tick.js'
import { importBudgetFile } from '../../src/budget/import.js'
import { budgetRunRenderer } from '../../src/budget/schedule.js'
import { storeUpload } from '../../src/budget/service.js'
import type { Role } from '../../src/console/session.js'
import { Client, PASSWORD_A, seedAccount, seedGroup } from '../admin/helpers.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import type { DbKind } from '../helpers/db.js'

export const FIXTURES = 'test/budget/fixtures'
export const fixture = (name: string) => new Uint8Array(readFileSync(`${FIXTURES}/${name}`))
export const GROUP_FINANCE = `C${'f'.repeat(32)}`
export const GROUP_ALL = `C${'e'.repeat(32)}`

/** An app with one account per role, a group labelled กองคลัง and an unlabelled group. */
export async function budgetApp(kind: DbKind) {
  const line = new MemoryLine()
  const t = await createTestApp(kind, { line })
  const roles: Role[] = ['owner', 'broadcaster', 'auditor', 'complaint_officer']
  for (const role of roles) await seedAccount(t, 'default', `${role}@agency.go.th`, role, PASSWORD_A)
  await seedGroup(t, 'default', GROUP_FINANCE, 'ฝ่ายการเงิน', 9)
  await seedGroup(t, 'default', GROUP_ALL, 'บุคลากรทั้งหมด', 40)
  await t.deps.db
    .insertInto('group_labels')
    .values({ org_id: 'default', chat_id: GROUP_FINANCE, label: 'กองคลัง' })
    .execute()
  return { t, line }
}

export async function loggedIn(t: TestApp, role: Role): Promise<Client> {
  const c = new Client(t)
  await c.login(`${role}@agency.go.th`, PASSWORD_A)
  return c
}

export interface UploadFields {
  fiscalYear?: string
  asOf?: string
  audience?: string
  labels?: string[]
  day?: string
}

/** Posts the upload form as a browser does (multipart), with the client's cookies and CSRF token. */
export async function upload(
  t: TestApp,
  c: Client,
  file: { bytes: Uint8Array; name: string } | null,
  fields: UploadFields = {},
  opts: { csrf?: string | null; contentLength?: number } = {},
): Promise<{ res: Response; html: string }> {
  await c.get('/admin/budget/upload')
  const form = new FormData()
  const token = opts.csrf === undefined ? c.csrf : opts.csrf
  if (token !== null) form.set('_csrf', token)
  form.set('fiscalYear', fields.fiscalYear ?? '2569')
  form.set('asOf', fields.asOf ?? '2026-03-31')
  form.set('audience', fields.audience ?? 'groups')
  for (const l of fields.labels ?? []) form.append('labels', l)
  form.set('day', fields.day ?? '1')
  if (file) form.set('file', new File([new Uint8Array(file.bytes)], file.name))
  const headers = new Headers({ 'x-forwarded-for': '192.0.2.10' })
  headers.set('cookie', [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '))
  if (opts.contentLength !== undefined) headers.set('content-length', String(opts.contentLength))
  const res = await t.app.request('http://localhost/admin/budget/upload', {
    method: 'POST',
    body: form,
    headers,
    redirect: 'manual',
  })
  return { res, html: await res.text() }
}

export const versionIdFrom = (res: Response) =>
  (res.headers.get('location') ?? '').split('?')[0]?.split('/').at(-1) ?? ''

/** The scheduler's tick with the budget hook, as node-app.ts and the Worker wire it. */
export const runTick = (t: TestApp) =>
  tick(
    {
      db: t.deps.db,
      lineFor: async () => t.line,
      keyring: t.deps.keyring,
      clock: t.clock,
      sleep: async () => {},
      options: { ...DEFAULT_SEND_OPTIONS, maxPerSecond: null },
      renderRun: budgetRunRenderer({ flows: t.deps.flows, timeZone: 'Asia/Bangkok' }),
    },
    t.clock.now(),
  )

export const count = async (t: TestApp, table: 'budget_versions' | 'budget_rows' | 'broadcasts') =>
  Number(
    (
      await t.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

/** Sums a money column of the CSV fixture independently of the importer: text → satang by hand. */
export function csvColumnSatang(csv: string, column: number, period: string): bigint {
  let sum = 0n
  for (const line of csv
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .slice(1)) {
    if (!line.includes(period)) continue
    const cells = [...line.matchAll(/("([^"]*)"|[^,]*)(,|$)/g)].map((m) => m[2] ?? m[1] ?? '')
    const [baht = '0', satang = '00'] = (cells[column] ?? '0').replaceAll(',', '').split('.')
    sum += BigInt(baht) * 100n + BigInt(satang.padEnd(2, '0'))
  }
  return sum
}

/** Stores a file as the next version directly through the service, as an accepted upload does. */
export async function seedBudget(
  t: TestApp,
  bytes: Uint8Array,
  name = 'budget-2569.csv',
  asOf = '2026-03-31',
) {
  const r = await importBudgetFile(bytes, name, {
    maxBytes: 5 * 1024 * 1024,
    fiscalYear: 2569,
    latestFiscalYear: 2571,
  })
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  const rows = r.rows
  return t.deps.db.transaction().execute((trx) =>
    storeUpload(trx, {
      orgId: 'default',
      uploader: { id: 'seed', email: 'seed@agency.go.th' },
      fileName: name,
      fileType: r.fileType,
      bytes,
      fiscalYear: 2569,
      asOf,
      rows,
      now: t.clock.now(),
    }),
  )
}
