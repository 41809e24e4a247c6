import type { Context, MiddlewareHandler } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'
import type { AppDeps } from '../app-env.js'
import type { BroadcastError, BroadcastErrorCode } from '../broadcasts/errors.js'
import { defineMessages, type PlainKeyOf } from '../core/messages.js'
import { type ApiCaller, authenticate } from './tokens.js'

export type ApiEnv = { Variables: { deps: AppDeps; caller: ApiCaller } }
export type ApiContext = Context<ApiEnv>

/** The one error body of /api/v1: a stable code, a Thai / English message, specifics. */
export interface Problem {
  error: string
  message: string
  details?: string[]
}

export const problem = (c: Context, status: ContentfulStatusCode, p: Problem) => c.json(p, status)

const apiWords = defineMessages({
  notFound: ['ไม่พบรายการนี้', 'Not found.'],
  invalidJson: ['เนื้อหาไม่ใช่ JSON ที่ถูกต้อง', 'The body is not valid JSON.'],
  invalidRequest: ['ข้อมูลที่ส่งมาไม่ถูกต้อง', 'The request does not match the schema.'],
  unauthorized: ['โทเคนไม่ถูกต้องหรือถูกเพิกถอนแล้ว', 'The API token is missing, invalid or revoked.'],
})

/** A problem's message: a machine's caller may read either language, so it carries both. */
const message = (key: PlainKeyOf<typeof apiWords>) => {
  const { th, en } = apiWords.both(key)
  return `${th} / ${en}`
}

const STATUS: Record<BroadcastErrorCode, ContentfulStatusCode> = {
  not_found: 404,
  not_editable: 409,
  not_cancellable: 409,
  nothing_to_retry: 409,
  invalid_title: 422,
  messages_over_limits: 422,
  invalid_time_zone: 422,
  invalid_cron: 422,
  run_at_in_past: 422,
  empty_audience: 422,
  measure_required: 422,
  unknown_measure: 422,
}

/** A broadcast service error value as an HTTP answer, with the service's own messages. */
export function serviceProblem(c: Context, e: BroadcastError) {
  return problem(c, STATUS[e.code], {
    error: e.code,
    message: `${e.th} / ${e.en}`,
    ...(e.problems.length > 0 ? { details: e.problems } : {}),
  })
}

export const notFound = (c: Context) => problem(c, 404, { error: 'not_found', message: message('notFound') })

const zodDetails = (e: z.ZodError) =>
  e.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(body)'}: ${i.message}`)

export type Parsed<T> = { ok: true; value: T } | { ok: false; res: Response }

/** A JSON body checked against `schema`: 400 for unreadable JSON and for a wrong shape. */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<Parsed<z.output<S>>> {
  let raw: unknown
  try {
    raw = JSON.parse(await c.req.text())
  } catch {
    return {
      ok: false,
      res: problem(c, 400, {
        error: 'invalid_json',
        message: message('invalidJson'),
      }),
    }
  }
  return check(c, schema, raw)
}

export function parseParams<S extends z.ZodType>(c: Context, schema: S): Parsed<z.output<S>> {
  return check(c, schema, c.req.param())
}

function check<S extends z.ZodType>(c: Context, schema: S, raw: unknown): Parsed<z.output<S>> {
  const r = schema.safeParse(raw)
  if (r.success) return { ok: true, value: r.data }
  return {
    ok: false,
    res: problem(c, 400, {
      error: 'invalid_request',
      message: message('invalidRequest'),
      details: zodDetails(r.error),
    }),
  }
}

/** Bearer authentication: an unknown, malformed or revoked token is a 401 with no hint which. */
export const requireToken: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const deps = c.var.deps
  const caller = await authenticate(deps.db, deps.clock.now(), c.req.header('authorization'))
  if (!caller) {
    c.header('WWW-Authenticate', 'Bearer realm="api"')
    return problem(c, 401, {
      error: 'unauthorized',
      message: message('unauthorized'),
    })
  }
  c.set('caller', caller)
  await next()
}
