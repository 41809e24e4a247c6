import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env.js'
import { LIMITS } from '../line/limits.js'
import { mediaRoutes } from './api-media.js'
import { entryHtml } from './entry-view.js'
import { SimulatorError } from './errors.js'
import type { TranscriptEntry } from './model.js'
import type { Simulator } from './simulator.js'

// The simulator's JSON API (/dev/chat/api/...), used by the chat page and the terminal chat.

const chatId = z.string().regex(/^[UC][0-9a-f]{32}$/, 'chat must be a chat id (U… or C… and 32 hex)')
const name = z
  .string()
  .trim()
  .min(1, 'name is empty / ชื่อว่างเปล่า')
  .max(40, 'name is over 40 characters / ชื่อยาวเกิน 40 ตัวอักษร')
const as = name.optional()
const text = z
  .string({ error: 'text is required / ต้องมีข้อความ' })
  .refine((t) => t.trim().length > 0, 'text is empty / ข้อความว่างเปล่า')
  .refine((t) => t.length <= LIMITS.textUtf16, 'text is over 5,000 characters / ข้อความยาวเกิน 5,000 ตัวอักษร')
// The formats LINE uses in postback.params for a datetime picker.
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be yyyy-MM-dd')
const time = z.string().regex(/^\d{2}:\d{2}$/, 'time must be HH:mm')
const datetime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "datetime must be yyyy-MM-dd'T'HH:mm")

const schemas = {
  open: z.object({ name }),
  follow: z.object({ chat: chatId, following: z.boolean() }),
  say: z.object({ chat: chatId, as, text }),
  postback: z.object({
    chat: chatId,
    as,
    data: z.string().min(1, 'data is empty').max(LIMITS.postbackData, 'data is over 300 characters'),
    displayText: z.string().trim().min(1).max(300).nullish(),
    params: z.object({ date, time, datetime }).partial().strict().nullish(),
  }),
  unsend: z.object({ chat: chatId, as }),
  group: z.object({
    name: z
      .string()
      .trim()
      .min(1, 'group name is empty / ชื่อกลุ่มว่างเปล่า')
      .max(50, 'group name is over 50 characters'),
    members: z.array(name).min(1, 'a group needs at least one member / กลุ่มต้องมีสมาชิก').max(50),
    withBot: z.boolean().optional(),
  }),
  member: z.object({ name }),
  transcript: z.object({ chat: chatId, since: z.coerce.number().int().min(0).default(0) }),
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')
}

async function input<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.infer<S>> {
  const raw: unknown = await c.req.json().catch(() => undefined)
  if (raw === undefined) throw new SimulatorError('body must be JSON / ต้องส่งเป็น JSON')
  const parsed = schema.safeParse(raw)
  if (!parsed.success) throw new SimulatorError(describe(parsed.error))
  return parsed.data
}

export function simulatorApi(sim: Simulator) {
  const api = new Hono<AppEnv>()
  const view = (e: TranscriptEntry) => ({
    ...e,
    unsent: sim.isUnsent(e.seq),
    html: entryHtml(e, sim.isUnsent(e.seq), sim.bot.name),
  })
  const group = (c: Context<AppEnv>) => chatId.parse(c.req.param('id'))

  // Another site open in the same browser must not drive the simulator (CSRF): browsers mark
  // such requests with Sec-Fetch-Site or an Origin of another host. Tools (curl, npm run chat) send neither.
  api.use('*', async (c, next) => {
    if (c.req.method === 'GET') return next()
    const site = c.req.header('sec-fetch-site')
    const origin = c.req.header('origin')
    const foreign =
      (site !== undefined && site !== 'same-origin' && site !== 'none') ||
      (origin !== undefined && origin !== new URL(c.req.url).origin)
    if (foreign) return c.json({ error: 'forbidden', message: 'cross-site request refused' }, 403)
    return next()
  })

  api.onError((err, c) => {
    if (err instanceof SimulatorError) return c.json({ error: err.code, message: err.message }, err.status)
    if (err instanceof z.ZodError) return c.json({ error: 'bad_request', message: describe(err) }, 400)
    throw err
  })

  api.get('/chats', (c) =>
    c.json({
      bot: sim.bot,
      personas: sim.personas,
      chats: sim.chats(),
      lastSeq: sim.transcript.lastSeq(),
      limits: sim.contentLimits,
    }),
  )
  api.get('/transcript', (c) => {
    const parsed = schemas.transcript.safeParse(c.req.query())
    if (!parsed.success) throw new SimulatorError(describe(parsed.error))
    const chat = sim.chat(parsed.data.chat)
    if (!chat) throw new SimulatorError('unknown chat / ไม่พบแชตนี้')
    const entries = sim.transcript.since(chat.id, parsed.data.since).map(view)
    return c.json({ chat, entries, lastSeq: sim.transcript.lastSeq(chat.id) })
  })
  api.get('/calls', (c) => c.json({ calls: sim.calls }))

  api.post('/open', async (c) =>
    c.json({ chat: await sim.openUserChat((await input(c, schemas.open)).name) }),
  )
  api.post('/follow', async (c) => {
    const b = await input(c, schemas.follow)
    return c.json({ chat: await sim.setFollowing(b.chat, b.following) })
  })
  api.post('/say', async (c) => {
    const b = await input(c, schemas.say)
    return c.json({ entry: view(await sim.say(b.chat, b.as, b.text)) })
  })
  api.post('/postback', async (c) => {
    const b = await input(c, schemas.postback)
    const params = b.params
      ? Object.fromEntries(Object.entries(b.params).filter(([, v]) => v !== undefined))
      : null
    return c.json({
      entry: view(await sim.postback(b.chat, b.as, { data: b.data, displayText: b.displayText, params })),
    })
  })
  api.post('/unsend', async (c) => {
    const b = await input(c, schemas.unsend)
    return c.json({ entry: view(await sim.unsend(b.chat, b.as)) })
  })
  mediaRoutes(api, sim, view)
  api.post('/group', async (c) => {
    const b = await input(c, schemas.group)
    return c.json({ chat: await sim.createGroup(b.name, b.members, { withBot: b.withBot }) })
  })
  api.post('/group/:id/members', async (c) => {
    const b = await input(c, schemas.member)
    return c.json({ chat: await sim.addMember(group(c), b.name) })
  })
  api.delete('/group/:id/members/:member', async (c) =>
    c.json({ chat: await sim.removeMember(group(c), c.req.param('member')) }),
  )
  api.post('/group/:id/bot', async (c) => c.json({ chat: await sim.addBot(group(c)) }))
  api.delete('/group/:id/bot', async (c) => c.json({ chat: await sim.removeBot(group(c)) }))
  return api
}
