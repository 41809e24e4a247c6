import { imageTypeOf } from './contents.js'
import type { Delivery } from './delivery.js'
import { SimulatorError } from './errors.js'
import { newMessageId, newQuoteToken } from './ids.js'
import type { SimUser, TranscriptEntry } from './model.js'
import type { SimState } from './state.js'
import { events, type SimSource } from './webhook-events.js'

export interface FileInput {
  name: string
  bytes: Uint8Array
  /** The type the sender's system claims; the bot reads the real one from the bytes anyway. */
  contentType?: string
}

export interface MediaActions {
  /** Sends a photo (JPEG or PNG) as LINE's `image` message; getContent then returns its bytes. */
  sendImage(chatId: string, as: string | undefined, bytes: Uint8Array): Promise<TranscriptEntry>
  /** Sends a file of any type as LINE's `file` message, with its name and size. */
  sendFile(chatId: string, as: string | undefined, file: FileInput): Promise<TranscriptEntry>
}

interface MediaDeps {
  state: SimState
  delivery: Delivery
  speaker(chatId: string, as: string | undefined): { user: SimUser; source: SimSource }
  botHears(chatId: string): boolean
}

const NAME_MAX = 255
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const CONTROL = /[\u0000-\u001f\u007f]/g
const MIME = /^[a-z]+\/[a-z0-9][a-z0-9.+-]*$/i

/** The name as LINE shows it: no folders (some browsers send a full path), no control characters. */
export function cleanFileName(name: string): string {
  const base = (name.split(/[\\/]/).at(-1) ?? '').replace(CONTROL, '').trim()
  if (base.length === 0) throw new SimulatorError('ไฟล์ต้องมีชื่อ / The file needs a name')
  return base.slice(0, NAME_MAX)
}

export function createMediaActions({ state, delivery, speaker, botHears }: MediaDeps): MediaActions {
  const send = async (
    chatId: string,
    as: string | undefined,
    item: { media: 'image' | 'file'; bytes: Uint8Array; contentType: string; fileName: string | null },
  ): Promise<TranscriptEntry> => {
    // Who speaks and how large, before anything is kept: a refused item leaves no trace.
    const { user, source } = speaker(chatId, as)
    if (item.bytes.length === 0) throw new SimulatorError('ไฟล์ว่างเปล่า / The file is empty')
    state.contents.check(item.media, item.bytes.length)
    const id = newMessageId()
    state.contents.put(id, { type: item.media, contentType: item.contentType, bytes: item.bytes })
    const entry = state.transcript.append(chatId, {
      kind: 'media',
      from: { userId: user.userId, name: user.name },
      messageId: id,
      media: item.media,
      fileName: item.fileName,
      size: item.bytes.length,
      contentType: item.contentType,
    })
    if (botHears(chatId)) {
      const now = state.clock.now()
      const token = state.issueReplyToken(chatId)
      const event =
        item.media === 'image'
          ? events.image(source, now, token, { id, quoteToken: newQuoteToken() })
          : events.file(source, now, token, {
              id,
              fileName: item.fileName ?? '',
              fileSize: item.bytes.length,
            })
      await delivery.deliver(chatId, [event])
    }
    return entry
  }

  return {
    async sendImage(chatId, as, bytes) {
      const contentType = imageTypeOf(bytes)
      if (!contentType) {
        throw new SimulatorError(
          'ส่งเป็นรูปได้เฉพาะไฟล์ JPEG หรือ PNG (ไฟล์อื่นใช้ "ส่งไฟล์") / A photo must be a JPEG or PNG (send other files with "Send file")',
        )
      }
      return send(chatId, as, { media: 'image', bytes, contentType, fileName: null })
    },
    async sendFile(chatId, as, file) {
      const fileName = cleanFileName(file.name)
      const claimed = file.contentType?.trim() ?? ''
      const contentType = MIME.test(claimed) ? claimed.toLowerCase() : 'application/octet-stream'
      return send(chatId, as, { media: 'file', bytes: file.bytes, contentType, fileName })
    },
  }
}
