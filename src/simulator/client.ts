import type { ContentLimits } from './contents.js'
import type { ChatSummary, PostbackParams, TranscriptEntry } from './model.js'

// A typed client of the JSON API (/dev/chat/api). The terminal chat uses it both against a
// running server and in-process (then `fetch` is the app's own), so both take one code path.

export type EntryView = TranscriptEntry & { unsent: boolean; html: string }

export interface ChatsView {
  bot: { userId: string; name: string }
  personas: string[]
  chats: ChatSummary[]
  lastSeq: number
  limits: ContentLimits
}

export type Fetch = (req: Request) => Promise<Response>

export class SimulatorApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'SimulatorApiError'
  }
}

export class SimulatorClient {
  constructor(
    private readonly fetch: Fetch,
    private readonly base: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const form = body instanceof FormData
    const res = await this.fetch(
      new Request(`${this.base}/dev/chat/api${path}`, {
        method,
        headers: body === undefined || form ? {} : { 'content-type': 'application/json' },
        body: form ? body : body === undefined ? undefined : JSON.stringify(body),
      }),
    )
    const json = (await res.json().catch(() => ({}))) as { message?: string }
    if (!res.ok) throw new SimulatorApiError(res.status, json.message ?? `HTTP ${res.status}`)
    return json as T
  }

  chats = () => this.call<ChatsView>('GET', '/chats')
  transcript = (chat: string, since: number) =>
    this.call<{ chat: ChatSummary; entries: EntryView[]; lastSeq: number }>(
      'GET',
      `/transcript?chat=${encodeURIComponent(chat)}&since=${since}`,
    )
  open = async (name: string) => (await this.call<{ chat: ChatSummary }>('POST', '/open', { name })).chat
  follow = async (chat: string, following: boolean) =>
    (await this.call<{ chat: ChatSummary }>('POST', '/follow', { chat, following })).chat
  say = async (chat: string, as: string | undefined, text: string) =>
    (await this.call<{ entry: EntryView }>('POST', '/say', { chat, as, text })).entry
  postback = async (
    chat: string,
    as: string | undefined,
    p: { data: string; displayText?: string; params?: PostbackParams },
  ) => (await this.call<{ entry: EntryView }>('POST', '/postback', { chat, as, ...p })).entry
  /** A photo (JPEG or PNG) or a file, posted as the chat page posts it (multipart/form-data). */
  send = async (
    kind: 'image' | 'file',
    chat: string,
    as: string | undefined,
    file: { name: string; bytes: Uint8Array; type?: string },
  ) => {
    const form = new FormData()
    form.set('chat', chat)
    if (as) form.set('as', as)
    form.set('file', new Blob([file.bytes.slice()], { type: file.type ?? '' }), file.name)
    return (await this.call<{ entry: EntryView }>('POST', `/${kind}`, form)).entry
  }
  unsend = async (chat: string, as: string | undefined) =>
    (await this.call<{ entry: EntryView }>('POST', '/unsend', { chat, as })).entry
  createGroup = async (name: string, members: string[]) =>
    (await this.call<{ chat: ChatSummary }>('POST', '/group', { name, members })).chat
  addMember = async (group: string, name: string) =>
    (await this.call<{ chat: ChatSummary }>('POST', `/group/${group}/members`, { name })).chat
  removeMember = async (group: string, member: string) =>
    (
      await this.call<{ chat: ChatSummary }>(
        'DELETE',
        `/group/${group}/members/${encodeURIComponent(member)}`,
      )
    ).chat
  addBot = async (group: string) =>
    (await this.call<{ chat: ChatSummary }>('POST', `/group/${group}/bot`)).chat
  removeBot = async (group: string) =>
    (await this.call<{ chat: ChatSummary }>('DELETE', `/group/${group}/bot`)).chat
}
