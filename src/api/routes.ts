import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { saveAudience } from '../broadcasts/audiences.js'
import { broadcastError } from '../broadcasts/errors.js'
import { broadcastRoutes } from './broadcast-routes.js'
import { apiDocs } from './docs-routes.js'
import { type ApiEnv, parseBody, problem, requireToken, serviceProblem } from './http.js'
import { openApiDocument } from './openapi.js'
import { CreateAudienceSchema } from './schemas.js'
import { audienceView, audienceViews, auditApi } from './views.js'

/** Larger than any request LINE's own limits allow (5 messages, ≤ 50 KB carousels). */
const MAX_BODY_BYTES = 512 * 1024

/** `/api/v1`: the console's broadcast operations for an agency's own systems, by bearer token. */
export function apiRoutes() {
  const api = new Hono<ApiEnv>()
  // The contract is public: a client generator needs it before it has a token, and so does the
  // person who reads it.
  api.get('/openapi.json', (c) => c.json(openApiDocument()))
  api.get('/docs', apiDocs)
  api.use('*', requireToken)
  api.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        problem(c, 413, { error: 'body_too_large', message: 'เนื้อหาใหญ่เกินไป / The body is too large.' }),
    }),
  )

  api.get('/audiences', async (c) =>
    c.json({ items: await audienceViews(c.var.deps.db, c.var.caller.orgId) }),
  )

  api.post('/audiences', async (c) => {
    const body = await parseBody(c, CreateAudienceSchema)
    if (!body.ok) return body.res
    const { db, clock } = c.var.deps
    const caller = c.var.caller
    const { name, labels, groupIds } = body.value
    if (labels.length + groupIds.length === 0) return serviceProblem(c, broadcastError('empty_audience'))
    // Group ids must be this organization's: another agency's group is as unknown as a typo.
    const known = groupIds.length
      ? await db
          .selectFrom('line_groups')
          .select('chat_id')
          .where('org_id', '=', caller.orgId)
          .where('chat_id', 'in', groupIds)
          .execute()
      : []
    const found = new Set(known.map((g) => g.chat_id))
    const unknown = groupIds.flatMap((g, i) => (found.has(g) ? [] : [`groupIds.${i}`]))
    if (unknown.length > 0) {
      return problem(c, 422, {
        error: 'unknown_group',
        message: 'ไม่พบกลุ่ม LINE นี้ในหน่วยงาน / No such LINE group in this organization.',
        details: unknown,
      })
    }
    const id = crypto.randomUUID()
    const now = clock.now()
    const members = [
      ...labels.map((value) => ({ kind: 'label' as const, value })),
      ...groupIds.map((value) => ({ kind: 'group' as const, value })),
    ]
    await db.transaction().execute(async (trx) => {
      await saveAudience(trx, caller.orgId, id, name, members, now)
      await auditApi(trx, now, caller, 'api.audience.created', id, name)
    })
    return c.json(await audienceView(db, caller.orgId, { id, name }), 201)
  })

  broadcastRoutes(api)
  return api
}
