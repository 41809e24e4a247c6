import { z } from 'zod'
import {
  AudienceSchema,
  BroadcastSchema,
  CreateAudienceSchema,
  CreateBroadcastSchema,
  DeliveriesSchema,
  ProblemSchema,
  RetrySchema,
} from './schemas.js'

// The OpenAPI 3.1 document, rendered from the zod schemas the routes validate with (3.1 is
// JSON Schema 2020-12, which is what z.toJSONSchema writes). The operations are listed here by
// hand; test/api/openapi.test.ts checks the list against the router so neither can drift.

type Schema = { $ref: string } | { type: 'object'; properties: Record<string, unknown>; required: string[] }

const ref = (s: z.ZodType): Schema => {
  const id = z.globalRegistry.get(s)?.id
  if (!id) throw new Error('schema without an id in openapi')
  return { $ref: `#/components/schemas/${id}` }
}
const list = (s: z.ZodType): Schema => ({
  type: 'object',
  properties: { items: { type: 'array', items: ref(s) } },
  required: ['items'],
})

interface Operation {
  method: 'get' | 'post'
  path: string
  summary: string
  /** The summary in Thai: the operation's description, shown first at /api/v1/docs. */
  th: string
  body?: z.ZodType
  ok: { status: 200 | 201; schema: Schema }
  /** Error statuses besides 401 (every operation) and 400 (every one with a body or params). */
  errors: number[]
}

export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/audiences',
    summary: 'List audiences',
    th: 'รายการกลุ่มผู้รับ',
    ok: { status: 200, schema: list(AudienceSchema) },
    errors: [],
  },
  {
    method: 'post',
    path: '/audiences',
    summary: 'Create an audience from group labels and/or group ids',
    th: 'สร้างกลุ่มผู้รับจากป้ายกำกับกลุ่มและ/หรือรหัสกลุ่ม LINE',
    body: CreateAudienceSchema,
    ok: { status: 201, schema: ref(AudienceSchema) },
    errors: [422],
  },
  {
    method: 'get',
    path: '/broadcasts',
    summary: 'List broadcasts',
    th: 'รายการข้อความประกาศ',
    ok: { status: 200, schema: list(BroadcastSchema) },
    errors: [],
  },
  {
    method: 'post',
    path: '/broadcasts',
    summary: 'Create a draft broadcast (schedule it with /schedule)',
    th: 'สร้างร่างข้อความประกาศ (ตั้งเวลาส่งด้วย /schedule)',
    body: CreateBroadcastSchema,
    ok: { status: 201, schema: ref(BroadcastSchema) },
    errors: [422],
  },
  {
    method: 'get',
    path: '/broadcasts/{id}',
    summary: 'A broadcast with its status, next run and runs',
    th: 'ข้อความประกาศหนึ่งรายการ พร้อมสถานะ รอบส่งถัดไป และรอบที่ส่งแล้ว',
    ok: { status: 200, schema: ref(BroadcastSchema) },
    errors: [404],
  },
  {
    method: 'post',
    path: '/broadcasts/{id}/schedule',
    summary: 'Schedule a draft',
    th: 'ตั้งเวลาส่งร่างข้อความประกาศ',
    ok: { status: 200, schema: ref(BroadcastSchema) },
    errors: [404, 409, 422],
  },
  {
    method: 'post',
    path: '/broadcasts/{id}/cancel',
    summary: 'Cancel a scheduled broadcast back to draft',
    th: 'ยกเลิกการตั้งเวลา กลับเป็นร่าง',
    ok: { status: 200, schema: ref(BroadcastSchema) },
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/broadcasts/{id}/runs/{runId}/deliveries',
    summary: 'Delivery status per recipient (groups by LINE name and label)',
    th: 'สถานะการส่งรายผู้รับ (กลุ่มตามชื่อใน LINE และป้ายกำกับ)',
    ok: { status: 200, schema: ref(DeliveriesSchema) },
    errors: [404],
  },
  {
    method: 'post',
    path: '/broadcasts/{id}/runs/{runId}/retry',
    summary: "Send again to a run's failed recipients",
    th: 'ส่งซ้ำถึงผู้รับที่ส่งไม่สำเร็จในรอบนั้น',
    ok: { status: 200, schema: ref(RetrySchema) },
    errors: [404, 409],
  },
]

/** Every component is rendered from the global zod registry, keeping only the API's own ids. */
function components(): Record<string, unknown> {
  const all = z.toJSONSchema(z.globalRegistry, {
    uri: (id) => `#/components/schemas/${id}`,
    io: 'input',
    unrepresentable: 'any',
  }).schemas
  const ids = [
    'LineMessage',
    'Preset',
    'Schedule',
    'CreateBroadcast',
    'CreateAudience',
    'Problem',
    'Audience',
  ]
  ids.push('Run', 'Broadcast', 'Delivery', 'Deliveries', 'RetryResult')
  const out: Record<string, unknown> = {}
  for (const id of ids) {
    const { $schema: _s, $id: _i, ...schema } = all[id] ?? {}
    out[id] = schema
  }
  return out
}

const problem = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref(ProblemSchema) } },
})
const REASONS: Record<number, string> = {
  400: 'Invalid JSON, or a body or parameter not matching the schema',
  401: 'Missing, unknown or revoked token',
  404: "Not found (or another organization's)",
  409: 'Not possible in its current state',
  422: 'Valid JSON, refused by a rule (cron, past date, empty audience, LINE limits)',
}

function operation(op: Operation) {
  const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }))
  const errors = [401, ...(op.body || params.length ? [400] : []), ...op.errors].sort()
  return {
    summary: op.summary,
    description: op.th,
    ...(params.length ? { parameters: params } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: ref(op.body) } } } }
      : {}),
    responses: {
      [op.ok.status]: { description: 'OK', content: { 'application/json': { schema: op.ok.schema } } },
      ...Object.fromEntries(errors.map((s) => [s, problem(REASONS[s] ?? 'Error')])),
    },
  }
}

let cached: Record<string, unknown> | null = null

export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached
  const paths: Record<string, Record<string, unknown>> = {}
  for (const op of OPERATIONS) {
    const item = paths[op.path] ?? {}
    item[op.method] = operation(op)
    paths[op.path] = item
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'ITA integrity bot API',
      version: '1.0.0',
      description: 'Schedule LINE broadcasts from an agency system. / ตั้งเวลาส่งข้อความประกาศจากระบบของหน่วยงาน',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    paths: {
      ...paths,
      '/openapi.json': {
        get: { summary: 'This document', security: [], responses: { 200: { description: 'OpenAPI 3.1' } } },
      },
      '/docs': {
        get: {
          summary: 'This document as a page to read (Thai, ?lang=en for English)',
          description: 'เอกสารนี้ในรูปหน้าเว็บสำหรับอ่าน',
          security: [],
          responses: { 200: { description: 'HTML' } },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'itab_<prefix>_<secret>' } },
      schemas: components(),
    },
  }
  return cached
}
