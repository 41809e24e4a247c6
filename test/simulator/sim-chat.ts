import { expect } from 'vitest'
import type { createApp } from '../../src/app.js'
import type { LineMessage } from '../../src/line/port.js'
import type { EntryView } from '../../src/simulator/client.js'
import type { ChatSummary } from '../../src/simulator/model.js'

type AppLike = Pick<ReturnType<typeof createApp>, 'request'>
type Answer = { status: number; json: { entry?: EntryView; error?: string; message?: string } }

export interface Upload {
  name: string
  bytes: Uint8Array
  type?: string
}

/** The multipart body the chat page posts for a photo or a file. */
export function uploadForm(chat: string, file: Upload, as?: string): FormData {
  const form = new FormData()
  form.set('chat', chat)
  if (as !== undefined) form.set('as', as)
  form.set('file', new Blob([file.bytes.slice()], { type: file.type ?? '' }), file.name)
  return form
}

export async function postUpload(
  app: AppLike,
  kind: 'image' | 'file',
  body: FormData,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await app.request(`/dev/chat/api/${kind}`, { method: 'POST', body, headers })
  return { status: res.status, json: (await res.json()) as Answer['json'] }
}

/**
 * A persona's 1:1 chat driven only through the simulator's JSON API, as the chat page drives it.
 * Each step waits for the inbox, then returns what the bot answered, read back from the API's
 * transcript (LINE messages, as the person would see them).
 */
export async function simChat(app: AppLike, settle: () => Promise<void>, name: string) {
  const json = async (method: string, path: string, body?: unknown) => {
    const res = await app.request(`/dev/chat/api${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    expect(res.status, `${path}: ${res.status}`).toBe(200)
    return res.json()
  }
  const opened = (await json('POST', '/open', { name })) as { chat: ChatSummary }
  const id = opened.chat.id
  await settle()
  const transcript = async (since = 0) =>
    ((await json('GET', `/transcript?chat=${id}&since=${since}`)) as { entries: EntryView[] }).entries
  const botAfter = async (seq: number): Promise<LineMessage[]> => {
    await settle()
    return (await transcript(seq)).flatMap((e) => (e.kind === 'bot' ? e.messages : []))
  }
  const act = async (path: string, body: object) => {
    const { entry } = (await json('POST', path, { chat: id, ...body })) as { entry: EntryView }
    return botAfter(entry.seq)
  }
  const upload = async (kind: 'image' | 'file', file: Upload) => {
    const sent = await postUpload(app, kind, uploadForm(id, file))
    expect(sent.status, sent.json.message).toBe(200)
    return botAfter(sent.json.entry?.seq ?? Number.MAX_SAFE_INTEGER)
  }
  return {
    id,
    transcript,
    say: (text: string) => act('/say', { text }),
    tap: (data: string) => act('/postback', { data }),
    photo: (bytes: Uint8Array, name = 'IMG_0001.jpg') => upload('image', { name, bytes, type: 'image/jpeg' }),
    file: (file: Upload) => upload('file', file),
  }
}

export type SimChat = Awaited<ReturnType<typeof simChat>>
