import type { Child } from 'hono/jsx'
import { linkUrl, type Obj, obj, str } from './values.js'

/**
 * Action elements carry the action in data attributes; the chat page's script turns a click into
 * the message or postback event LINE would send. uri actions are plain links to a new tab.
 */
export function actionAttrs(action: unknown): Record<string, string> {
  const a = obj(action)
  const type = str(a.type) ?? ''
  const label = str(a.label) ?? ''
  const attrs: Record<string, string> = { 'data-action': type, 'data-label': label }
  const put = (name: string, v: unknown) => {
    const s = str(v)
    if (s !== undefined) attrs[name] = s
  }
  if (type === 'postback') {
    put('data-data', a.data)
    put('data-display-text', a.displayText ?? a.text)
  } else if (type === 'message') {
    put('data-text', a.text)
  } else if (type === 'datetimepicker') {
    put('data-data', a.data)
    put('data-mode', a.mode)
    put('data-initial', a.initial)
    put('data-min', a.min)
    put('data-max', a.max)
  } else if (type === 'clipboard') {
    put('data-clipboard-text', a.clipboardText)
  } else if (type === 'uri') {
    put('data-uri', linkUrl(a.uri))
  }
  return attrs
}

/** LINE shows these actions; the simulator can do nothing useful with them. */
const INERT = new Set(['camera', 'cameraRoll', 'location', 'richmenuswitch'])

export function actionLabel(action: unknown): string {
  return str(obj(action).label) ?? ''
}

/** A clickable element for one action: a link for uri, a button for the rest. */
export function ActionElement(props: { action: unknown; class: string; style?: string; children?: Child }) {
  const a: Obj = obj(props.action)
  const type = str(a.type) ?? ''
  const content = props.children ?? actionLabel(a)
  if (type === 'uri') {
    const href = linkUrl(a.uri)
    if (!href) {
      return (
        <span class={`${props.class} lc-disabled`} style={props.style} title="unsafe or invalid link">
          {content}
        </span>
      )
    }
    return (
      <a
        class={`${props.class} lc-action`}
        style={props.style}
        href={href}
        target="_blank"
        rel="noopener noreferrer"
        {...actionAttrs(a)}
      >
        {content}
      </a>
    )
  }
  if (INERT.has(type) || type === '') {
    return (
      <button
        type="button"
        class={`${props.class} lc-disabled`}
        style={props.style}
        disabled
        title="not available in the simulator / ใช้ไม่ได้ในโปรแกรมจำลอง"
      >
        {content}
      </button>
    )
  }
  return (
    <button type="button" class={`${props.class} lc-action`} style={props.style} {...actionAttrs(a)}>
      {content}
    </button>
  )
}
