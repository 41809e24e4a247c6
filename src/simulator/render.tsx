import { raw } from 'hono/html'
import type { LineMessage } from '../line/port.js'
import { ActionElement } from './render-actions.js'
import { flexContainer } from './render-flex.js'
import { arr, imageUrl, linkUrl, type Obj, obj, str } from './values.js'

export { rendererCss } from './styles.js'

// LINE messages to HTML, as a LINE client would show them. Pure and DOM-free, so the chat page,
// the admin console's broadcast preview and tests share it. Every value from a message is
// escaped by hono/jsx or dropped by the sanitizers in values.ts: content cannot inject markup.

const URL_IN_TEXT = /https?:\/\/[^\s<>"'\u0E00-\u0E7F]+/g

/** Plain text with newlines kept (CSS pre-wrap) and web addresses made into links. */
function linkified(text: string) {
  const parts: (string | ReturnType<typeof link>)[] = []
  let last = 0
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const url = m[0].replace(/[.,;:!?)]+$/, '')
    parts.push(text.slice(last, m.index))
    parts.push(link(url))
    last = m.index + url.length
  }
  parts.push(text.slice(last))
  return parts
}

function link(url: string) {
  const href = linkUrl(url)
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {url}
    </a>
  ) : (
    url
  )
}

/** Stands in for what the simulator cannot draw: LINE's own fallback is the altText. */
function altBox(m: Obj, what: string) {
  return (
    <div class="lc-alt">
      <span class="lc-alt-kind">{what}</span>
      {str(m.altText) ?? ''}
    </div>
  )
}

function template(m: Obj) {
  const t = obj(m.template)
  const columns = t.type === 'carousel' || t.type === 'image_carousel' ? arr(t.columns).map(obj) : [t]
  return (
    <div class="lc-template">
      <div class="lc-alt-text">{str(m.altText) ?? ''}</div>
      <div class="lc-template-columns">
        {columns.map((col) => (
          <div class="lc-template-card">
            {str(col.title) ? <div class="lc-template-title">{str(col.title)}</div> : null}
            {str(col.text) ? <div class="lc-template-body">{str(col.text)}</div> : null}
            <div class={t.type === 'confirm' ? 'lc-template-actions lc-row' : 'lc-template-actions'}>
              {[...arr(col.actions), ...(col.action ? [col.action] : [])].map((a) => (
                <ActionElement action={a} class="lc-button lc-button-link" />
              ))}
            </div>
          </div>
        ))}
      </div>
    </div>
  )
}

function body(m: Obj) {
  switch (m.type) {
    case 'text':
      return <div class="lc-text-message">{linkified(str(m.text) ?? '')}</div>
    case 'flex':
      return flexContainer(m.contents)
    case 'image': {
      const full = imageUrl(m.originalContentUrl)
      const preview = imageUrl(m.previewImageUrl) ?? full
      if (!preview) return altBox(m, 'รูปภาพ / image')
      return (
        <a class="lc-image-message" href={full ?? preview} target="_blank" rel="noopener noreferrer">
          <img src={preview} alt="" referrerpolicy="no-referrer" />
        </a>
      )
    }
    case 'sticker':
      return (
        <div class="lc-sticker" title="sticker">
          สติกเกอร์ / Sticker {str(m.packageId) ?? '?'}/{str(m.stickerId) ?? '?'}
        </div>
      )
    case 'template':
      return template(m)
    case 'location':
      return (
        <div class="lc-alt">
          <span class="lc-alt-kind">ตำแหน่ง / location</span>
          {str(m.title) ?? ''} {str(m.address) ?? ''}
        </div>
      )
    default:
      return altBox(m, `${String(m.type)}`)
  }
}

/** Every component here is synchronous, so rendering yields a string at once. */
const html = (node: { toString(): string | Promise<string> }): string => {
  const s = node.toString()
  if (typeof s !== 'string') throw new Error('the message renderer must stay synchronous')
  return s
}

/** One message to HTML; anything the renderer cannot draw shows its altText instead. */
function renderOne(m: Obj): string {
  try {
    return html(<div class={`lc-msg lc-msg-${str(m.type) ?? 'unknown'}`}>{body(m)}</div>)
  } catch {
    return html(
      <div class="lc-msg lc-msg-fallback">{altBox(m, 'ข้อความที่แสดงไม่ได้ / unsupported message')}</div>,
    )
  }
}

/**
 * The messages of one send (reply or push) as HTML. Quick reply chips come from the last message
 * only, as LINE shows them.
 */
export function renderMessages(messages: readonly LineMessage[]): string {
  const list = messages.map((m) => obj(m))
  const items = arr(obj(list.at(-1)?.quickReply).items).map(obj)
  const chips =
    items.length > 0 ? (
      <div class="lc-quick">
        {items.map((item) => (
          <ActionElement action={item.action} class="lc-chip" />
        ))}
      </div>
    ) : null
  return html(
    <div class="lc-messages">
      {raw(list.map(renderOne).join(''))}
      {chips}
    </div>,
  )
}
