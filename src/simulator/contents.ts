import type { ContentResult } from '../line/port.js'
import { SimulatorError } from './errors.js'

const MB = 1024 * 1024

/**
 * How much the simulator keeps of what people send. LINE documents 10 MB as the largest image
 * a message may carry and keeps content "for a certain period" only; what a user may send is
 * larger (files of hundreds of MB). Local mode is one small process holding everything in memory,
 * so: a photo up to 10 MB, a file up to 20 MB (above the default EVIDENCE_MAX_BYTES, so the bot's
 * own "file too large" answer can be tried) and 50 MB in all, the oldest forgotten first. A
 * forgotten item then answers 410 like content LINE has deleted. LINE names no period either; a
 * day is long enough for any demo and short enough that a bot fetching late finds out.
 */
export interface ContentLimits {
  imageBytes: number
  fileBytes: number
  totalBytes: number
  /** How long content stays; 0 makes every item gone at once (to try the bot's "send it again"). */
  keepMs: number
}

export const DEFAULT_CONTENT_LIMITS: ContentLimits = {
  imageBytes: 10 * MB,
  fileBytes: 20 * MB,
  totalBytes: 50 * MB,
  keepMs: 24 * 60 * 60_000,
}

export type MediaType = 'image' | 'file'

interface Stored {
  type: MediaType
  contentType: string
  bytes: Uint8Array
}
type Kept = Stored & { at: number }

/** Ids of forgotten content, so they answer "gone" (410) rather than "not found" (404). */
const GONE_REMEMBERED = 1000

export const sizeLabel = (bytes: number): string =>
  bytes >= MB
    ? `${(bytes / MB).toFixed(1)} MB`
    : bytes >= 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${bytes} B`

export function tooLargeMessage(type: MediaType, limit: number): string {
  return type === 'image'
    ? `รูปภาพใหญ่เกิน ${sizeLabel(limit)} / The photo is over ${sizeLabel(limit)}`
    : `ไฟล์ใหญ่เกิน ${sizeLabel(limit)} / The file is over ${sizeLabel(limit)}`
}

/** The photo types LINE shows as images, read from the bytes: a name or a claimed type proves nothing. */
export function imageTypeOf(bytes: Uint8Array): 'image/jpeg' | 'image/png' | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b)
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  return null
}

/** Photos and files sent in the simulator, by message id, for the LinePort's getContent. */
export class ContentStore {
  private readonly items = new Map<string, Kept>()
  private readonly gone = new Set<string>()
  private used = 0

  constructor(
    readonly limits: ContentLimits,
    private readonly now: () => number,
  ) {}

  /** The item if it is still kept; one past its time is forgotten on the way. */
  private live(id: string): Kept | undefined {
    const item = this.items.get(id)
    if (item && this.now() - item.at >= this.limits.keepMs) {
      this.forget(id)
      return undefined
    }
    return item
  }

  /** Refuses an item over its limit before anything is kept. */
  check(type: MediaType, size: number): void {
    const limit = Math.min(
      type === 'image' ? this.limits.imageBytes : this.limits.fileBytes,
      this.limits.totalBytes,
    )
    if (size > limit) throw new SimulatorError(tooLargeMessage(type, limit), 413)
  }

  put(id: string, item: Stored): void {
    this.check(item.type, item.bytes.length)
    // Oldest first in the map: drop what has outlived its time, then what no longer fits.
    for (const [old, kept] of this.items) {
      if (this.now() - kept.at < this.limits.keepMs) break
      this.forget(old)
    }
    this.items.set(id, { ...item, at: this.now() })
    this.used += item.bytes.length
    for (const oldest of this.items.keys()) {
      if (this.used <= this.limits.totalBytes) break
      this.forget(oldest)
    }
  }

  /** As LINE's GET /v2/bot/message/{id}/content answers: the bytes, 404 or 410. */
  get(id: string): ContentResult {
    const item = this.live(id)
    // A copy, as each download is: whatever the app does to the bytes leaves the store intact.
    if (item) return { kind: 'ok', contentType: item.contentType, bytes: item.bytes.slice() }
    return this.gone.has(id) ? { kind: 'gone' } : { kind: 'not_found' }
  }

  /** A photo (never a file, whatever type it claims) for the chat page's thumbnail. */
  image(id: string): { contentType: string; bytes: Uint8Array } | null {
    const item = this.live(id)
    return item?.type === 'image' ? { contentType: item.contentType, bytes: item.bytes } : null
  }

  forget(id: string): void {
    const item = this.items.get(id)
    if (!item) return
    this.items.delete(id)
    this.used -= item.bytes.length
    this.gone.add(id)
    for (const old of this.gone) {
      if (this.gone.size <= GONE_REMEMBERED) break
      this.gone.delete(old)
    }
  }

  usage(): { items: number; bytes: number } {
    for (const id of [...this.items.keys()]) this.live(id)
    return { items: this.items.size, bytes: this.used }
  }
}
