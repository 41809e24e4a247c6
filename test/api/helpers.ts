import { createApiToken, revokeApiToken } from '../../src/api/tokens.js'
import { addLabel } from '../../src/broadcasts/audiences.js'
import { DEFAULT_SEND_OPTIONS, type TickReport, tick } from '../../src/broadcasts/tick.js'
import { createOrg } from '../../src/orgs/service.js'
import { seedGroup } from '../admin/helpers.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import type { DbKind } from '../helpers/db.js'

export const GROUP_A = `C${'a'.repeat(32)}`
export const GROUP_B = `C${'b'.repeat(32)}`
export const LABEL = 'กองคลัง'

/** Request bodies used by the tests; openapi.test.ts checks each against the document. */
export const EXAMPLES = {
  audience: { name: 'กองคลังทุกจังหวัด', labels: [LABEL] },
  audienceByGroup: { name: 'กลุ่ม A', groupIds: [GROUP_A] },
  broadcast: (audience: string, at: Date) => ({
    title: 'เตือน No Gift',
    messages: [{ type: 'text', text: 'งดให้ งดรับของขวัญ ทุกเทศกาล' }],
    audience,
    measure: 'nogift',
    schedule: { at: at.toISOString() },
  }),
  weekly: (audience: string) => ({
    title: 'สรุปงบประมาณรายสัปดาห์',
    messages: [
      {
        type: 'flex',
        altText: 'งบประมาณ',
        contents: { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [] } },
      },
    ],
    audience,
    measure: 'budget',
    schedule: { preset: { kind: 'weekly', weekday: 'monday', hour: 9, minute: 0 } },
  }),
  cron: (audience: string) => ({
    title: 'รายงานสิ้นเดือน',
    messages: [{ type: 'text', text: 'ส่งรายงาน ITA' }],
    audience,
    measure: 'budget',
    schedule: { cron: '0 9 L * *', timeZone: 'Asia/Bangkok' },
  }),
}

export interface ApiWorld {
  t: TestApp
  line: MemoryLine
  /** Tokens of the default organization ("ระบบ e-Office") and of "north". */
  token: string
  northToken: string
  revokedToken: string
  call(
    method: string,
    path: string,
    opts?: { token?: string | null; body?: unknown; raw?: string },
  ): Promise<Response>
  tick(): Promise<TickReport>
  /** Every row of the tables an API write could touch (not api_tokens.last_used_at). */
  snapshot(): Promise<Record<string, unknown[]>>
}

const TABLES = [
  'broadcasts',
  'broadcast_runs',
  'broadcast_deliveries',
  'audiences',
  'audience_members',
  'admin_audit_log',
] as const

/** Two agencies, each with a labelled group and a token, on a MemoryLine. */
export async function apiWorld(kind: DbKind): Promise<ApiWorld> {
  const line = new MemoryLine()
  const t = await createTestApp(kind, { line })
  const db = t.deps.db
  const now = t.clock.now()
  const org = await createOrg(db, t.deps.keyring, {
    slug: 'north',
    nameTh: 'สำนักงานภาคเหนือ',
    nameEn: 'Northern Office',
  })
  if (!org.ok) throw new Error(org.reason)
  await seedGroup(t, 'default', GROUP_A, 'กองคลัง A', 12)
  await seedGroup(t, 'north', GROUP_B, 'กองคลัง B', 7)
  await addLabel(db, 'default', GROUP_A, LABEL)
  await addLabel(db, 'north', GROUP_B, LABEL)
  const make = async (orgId: string, name: string) => {
    const r = await createApiToken(db, now, { orgId, name, createdBy: 'test' })
    if (!r.ok) throw new Error(r.reason)
    return r
  }
  const token = (await make('default', 'ระบบ e-Office')).token
  const northToken = (await make('north', 'ระบบสารบรรณ')).token
  const old = await make('default', 'ระบบเก่า')
  await revokeApiToken(db, now, 'default', old.row.id, 'test')
  return {
    t,
    line,
    token,
    northToken,
    revokedToken: old.token,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      const bearer = opts.token === undefined ? token : opts.token
      if (bearer !== null) headers.authorization = `Bearer ${bearer}`
      const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body))
      return t.app.request(`http://localhost/api/v1${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      })
    },
    tick: () =>
      tick(
        {
          db,
          lineFor: async () => line,
          keyring: t.deps.keyring,
          clock: t.clock,
          sleep: async () => {},
          options: { ...DEFAULT_SEND_OPTIONS, maxPerSecond: null },
        },
        t.clock.now(),
      ),
    async snapshot() {
      const out: Record<string, unknown[]> = {}
      for (const name of TABLES) out[name] = await db.selectFrom(name).selectAll().execute()
      return out
    },
  }
}

/** The JSON body of an answer, typed loosely for assertions. */
export async function json(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>
}
