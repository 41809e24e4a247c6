import { raw } from 'hono/html'
import { sizeLabel } from './contents.js'
import type { TranscriptEntry } from './model.js'
import { renderMessages } from './render.js'

const VIA: Record<string, string> = {
  reply: 'ตอบกลับ / reply',
  push: 'ส่งถึง / push',
  multicast: 'multicast',
  broadcast: 'บรอดแคสต์ / broadcast',
}

const time = (at: number) => new Date(at).toISOString().slice(11, 19)

type MediaEntry = Extract<TranscriptEntry, { kind: 'media' }>

/** A photo as its thumbnail (served by the simulator's API), a file as a chip with name and size. */
function media(e: MediaEntry) {
  if (e.media === 'image') {
    const src = `/dev/chat/api/content/${e.messageId}`
    return (
      <div class="bubble-user bubble-media">
        <a href={src} target="_blank" rel="noopener noreferrer">
          <img src={src} alt={`ส่งแล้ว / sent · ${sizeLabel(e.size)}`} loading="lazy" />
        </a>
      </div>
    )
  }
  return (
    <div class="bubble-user bubble-file">
      <span class="file-icon" aria-hidden="true">
        📄
      </span>
      <span class="file-name">{e.fileName ?? ''}</span>
      <span class="file-size">{sizeLabel(e.size)}</span>
    </div>
  )
}

function entryBody(e: TranscriptEntry, unsent: boolean, botName: string) {
  switch (e.kind) {
    case 'user':
      return (
        <div class="entry entry-user">
          <div class="who">{e.from.name}</div>
          <div class={unsent ? 'bubble-user unsent' : 'bubble-user'}>
            {unsent ? 'ยกเลิกข้อความแล้ว / message unsent' : e.text}
          </div>
        </div>
      )
    case 'media':
      return (
        <div class="entry entry-user entry-media">
          <div class="who">{e.from.name}</div>
          {unsent ? <div class="bubble-user unsent">ยกเลิกข้อความแล้ว / message unsent</div> : media(e)}
        </div>
      )
    case 'postback': {
      const picked = e.params ? Object.values(e.params).join(' ') : null
      const shown = e.displayText ?? (picked ? `เลือก / picked: ${picked}` : null)
      return (
        <div class="entry entry-user entry-postback" title={`postback: ${e.data}`}>
          <div class="who">{e.from.name} · postback</div>
          {shown ? <div class="bubble-user">{shown}</div> : <div class="note">↪ postback</div>}
        </div>
      )
    }
    case 'bot':
      return (
        <div class="entry entry-bot">
          <div class="who">
            {botName} · {VIA[e.via] ?? e.via}
          </div>
          {raw(renderMessages(e.messages))}
        </div>
      )
    case 'typing':
      return (
        <div class="entry entry-typing" data-seconds={String(e.seconds)}>
          <div class="typing">
            <span />
            <span />
            <span />
          </div>
        </div>
      )
    case 'unsend':
      return (
        <div class="entry entry-system" data-target={String(e.targetSeq)}>
          <div class="note">{e.from.name} ยกเลิกข้อความ / unsent a message</div>
        </div>
      )
    case 'system':
      return (
        <div class={`entry entry-system${e.level === 'error' ? ' entry-error' : ''}`}>
          <div class="note">{e.text}</div>
        </div>
      )
  }
}

/** An entry as the chat page shows it; the page inserts this HTML as is, so all of it is escaped here. */
export function entryHtml(e: TranscriptEntry, unsent: boolean, botName: string): string {
  const node = (
    <div class="row" data-seq={String(e.seq)} data-kind={e.kind} title={time(e.at)}>
      {entryBody(e, unsent, botName)}
    </div>
  )
  const s = node.toString()
  return typeof s === 'string' ? s : ''
}
