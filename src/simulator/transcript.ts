import type { EntryBody, TranscriptEntry } from './model.js'

/** Entries kept per chat and in all; the oldest go first so a long demo (or a load test
 * with a thousand simulated staff) cannot grow memory without end. */
const MAX_PER_CHAT = 500
const MAX_TOTAL = 3000

/** Every chat's transcript, with one global sequence so a client asks "what is new since N". */
export class Transcript {
  private seq = 0
  private readonly chats = new Map<string, TranscriptEntry[]>()
  private total = 0
  private readonly listeners = new Set<(entry: TranscriptEntry) => void>()

  constructor(private readonly now: () => number) {}

  append(chatId: string, body: EntryBody): TranscriptEntry {
    this.seq++
    const entry = { ...body, seq: this.seq, chatId, at: this.now() } as TranscriptEntry
    const list = this.chats.get(chatId) ?? []
    list.push(entry)
    this.total++
    if (list.length > MAX_PER_CHAT) this.total -= list.splice(0, list.length - MAX_PER_CHAT).length
    this.chats.set(chatId, list)
    if (this.total > MAX_TOTAL) this.dropOldest()
    for (const listener of this.listeners) listener(entry)
    return entry
  }

  /** Drops the chat whose newest entry is oldest, keeping its newest entry so it stays listed. */
  private dropOldest(): void {
    let stalest: TranscriptEntry[] | undefined
    for (const list of this.chats.values()) {
      if (list.length > 1 && (!stalest || (list.at(-1)?.seq ?? 0) < (stalest.at(-1)?.seq ?? 0)))
        stalest = list
    }
    if (stalest) this.total -= stalest.splice(0, stalest.length - 1).length
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
