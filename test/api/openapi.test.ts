import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { apiRoutes } from '../../src/api/routes.js'
import { createTestApp } from '../helpers/app.js'
import { EXAMPLES } from './helpers.js'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
type Doc = {
  openapi: string
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Json }> } }>>
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> }
}

/** Inlines `#/components/schemas/…` references (the API's schemas have no cycles). */
function inline(doc: Doc, s: Json): Json {
  if (Array.isArray(s)) return s.map((x) => inline(doc, x))
  if (s === null || typeof s !== 'object') return s
  const ref = s.$ref
  if (typeof ref === 'string') {
    const target = doc.components.schemas[ref.replace('#/components/schemas/', '')]
    if (target === undefined) throw new Error(`dangling ${ref}`)
    return inline(doc, target)
  }
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, inline(doc, v)]))
}

/** A validator built from the DOCUMENT's request schema (not from the zod schema behind it). */
function requestValidator(doc: Doc, path: string) {
  const schema = doc.paths[path]?.post?.requestBody?.content['application/json']?.schema
  if (schema === undefined) throw new Error(`no request body for ${path}`)
  const inlined = inline(doc, schema)
  if (inlined === null || typeof inlined !== 'object' || Array.isArray(inlined)) throw new Error('bad schema')
  return z.fromJSONSchema(inlined)
}

async function fetchDoc(): Promise<Doc> {
  const t = await createTestApp('pglite')
  try {
    const res = await t.app.request('http://localhost/api/v1/openapi.json')
    expect(res.status).toBe(200)
    return (await res.json()) as Doc
  } finally {
    await t.close()
  }
}

describe('GET /api/v1/openapi.json', () => {
  it('is OpenAPI 3.1 with bearer auth, served without a token', async () => {
    const doc = await fetchDoc()
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' })
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['CreateBroadcast', 'CreateAudience', 'Broadcast', 'Delivery', 'Problem']),
    )
  })

  it('describes every route of the router, and nothing else', async () => {
    const doc = await fetchDoc()
    const routed = apiRoutes()
      .routes.filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m} ${p}`),
    )
    expect(routed.sort()).toEqual(documented.sort())
    expect(routed).toHaveLength(11)
  })

  it("accepts the tests' example bodies and refuses wrong ones", async () => {
    const doc = await fetchDoc()
    const broadcast = requestValidator(doc, '/broadcasts')
    const audience = requestValidator(doc, '/audiences')
    const now = new Date('2026-11-22T03:00:00Z')
    for (const body of [EXAMPLES.broadcast('aud-1', now), EXAMPLES.weekly('aud-1'), EXAMPLES.cron('aud-1')]) {
      expect(broadcast.safeParse(body).error).toBeUndefined()
    }
    for (const body of [EXAMPLES.audience, EXAMPLES.audienceByGroup]) {
      expect(audience.safeParse(body).error).toBeUndefined()
    }
    const good = EXAMPLES.broadcast('aud-1', now)
    expect(broadcast.safeParse({ ...good, title: undefined }).success).toBe(false)
    expect(broadcast.safeParse({ ...good, schedule: { at: 'tomorrow' } }).success).toBe(false)
    expect(
      broadcast.safeParse({ ...good, schedule: { at: now.toISOString(), cron: '* * * * *' } }).success,
    ).toBe(false)
    expect(audience.safeParse({ name: 'x', groupIds: ['U123'] }).success).toBe(false)
  })
})
