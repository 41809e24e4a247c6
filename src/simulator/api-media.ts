import type { Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../app-env.js'
import { type MediaType, tooLargeMessage } from './contents.js'
import { SimulatorError } from './errors.js'
import type { TranscriptEntry } from './model.js'
import type { Simulator } from './simulator.js'

// Photos and files from the chat page (a file input) and the terminal chat: multipart/form-data
// with `chat`, `as` (group chats) and `file`, the way a browser posts a file without any library.

/** Boundaries, part headers and the two short fields. */
const FORM_OVERHEAD = 16 * 1024

async function upload(c: Context<AppEnv>) {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    throw new SimulatorError(
      'ส่งเป็น multipart/form-data พร้อม chat และ file / Send multipart/form-data with chat and file',
    )
  }
  const body = await c.req.parseBody().catch(() => {
    throw new SimulatorError('อ่านฟอร์มไม่ได้ / The form could not be read')
  })
  const { chat, as, file } = body
  if (typeof chat !== 'string') throw new SimulatorError('ต้องระบุแชต / chat is required')
  if (!(file instanceof File)) throw new SimulatorError('ต้องแนบไฟล์ / file is required')
  const speaker = typeof as === 'string' && as.trim().length > 0 ? as : undefined
  return { chat, as: speaker, file }
}

export function mediaRoutes(api: Hono<AppEnv>, sim: Simulator, view: (e: TranscriptEntry) => unknown) {
  const limits = sim.contentLimits
  const limitOf = (type: MediaType) =>
    Math.min(type === 'image' ? limits.imageBytes : limits.fileBytes, limits.totalBytes)
  // Refused from Content-Length, or as the stream passes the limit: never read into memory.
  const guard = (type: MediaType) =>
    bodyLimit({
      maxSize: limitOf(type) + FORM_OVERHEAD,
      onError: (c) =>
        c.json({ error: 'payload_too_large', message: tooLargeMessage(type, limitOf(type)) }, 413),
    })
  const tooLarge = (type: MediaType, file: File) => {
    if (file.size > limitOf(type)) throw new SimulatorError(tooLargeMessage(type, limitOf(type)), 413)
  }

  api.post('/image', guard('image'), async (c) => {
    const u = await upload(c)
    tooLarge('image', u.file)
    const bytes = new Uint8Array(await u.file.arrayBuffer())
    return c.json({ entry: view(await sim.sendImage(u.chat, u.as, bytes)) })
  })
  api.post('/file', guard('file'), async (c) => {
    const u = await upload(c)
    tooLarge('file', u.file)
    const bytes = new Uint8Array(await u.file.arrayBuffer())
    const file = { name: u.file.name, bytes, contentType: u.file.type }
    return c.json({ entry: view(await sim.sendFile(u.chat, u.as, file)) })
  })

  // The thumbnail in the transcript. Only what was sent as a photo (checked to be JPEG or PNG)
  // is served, never a file, so nothing uploaded can run as a page of this origin.
  api.get('/content/:id{[0-9]{1,24}}', (c) => {
    const photo = sim.photo(c.req.param('id'))
    if (!photo) return c.json({ error: 'not_found', message: 'ไม่มีรูปนี้แล้ว / No such photo' }, 404)
    return c.body(new Uint8Array(photo.bytes), 200, {
      'content-type': photo.contentType,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'no-store',
    })
  })
}
