import type { EntryBody, TranscriptEntry } from './model.js'

/** Entries kept per chat; the oldest go first so a long demo cannot grow memory without end. */
const MAX_PER_CHAT = 1000

/** Every chat's transcript, with one global sequence so a client asks "what is new since N". */
export class Transcript {
  private seq = 0
  private readonly chats = new Map<string, TranscriptEntry[]>()
  private readonly listeners = new Set<(entry: TranscriptEntry) => void>()

  constructor(private readonly now: () => number) {}

  append(chatId: string, body: EntryBody): TranscriptEntry {
    this.seq++
    const entry = { ...body, seq: this.seq, chatId, at: this.now() } as TranscriptEntry
    const list = this.chats.get(chatId) ?? []
    list.push(entry)
    if (list.length > MAX_PER_CHAT) list.splice(0, list.length - MAX_PER_CHAT)
    this.chats.set(chatId, list)
    for (const listener of this.listeners) listener(entry)
    return entry
  }

  /** Entries of one chat with `seq` above `since`, oldest first. */
  since(chatId: string, since = 0): TranscriptEntry[] {
    return (this.chats.get(chatId) ?? []).filter((e) => e.seq > since)
  }

  lastSeq(chatId?: string): number {
    if (chatId === undefined) return this.seq
    return this.chats.get(chatId)?.at(-1)?.seq ?? 0
  }

  find(chatId: string, predicate: (e: TranscriptEntry) => boolean): TranscriptEntry | undefined {
    return (this.chats.get(chatId) ?? []).findLast(predicate)
  }

  /** Called for every new entry (the terminal chat and tests wait on these). */
  subscribe(listener: (entry: TranscriptEntry) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
