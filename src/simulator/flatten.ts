import { arr, linkUrl, type Obj, obj, str } from './values.js'

// LINE messages as plain lines for the terminal chat: Flex flattened to readable text, every
// button and quick reply numbered so typing the number triggers it.

export interface FlatAction {
  n: number
  label: string
  /** The LINE action object (message, postback, uri, datetimepicker, …). */
  action: Obj
}

export interface Flat {
  lines: string[]
  actions: FlatAction[]
}

const SEPARATOR = '────────────'

class Flattener {
  readonly actions: FlatAction[] = []
  constructor(private next: number) {}

  /** `[3] label`, remembering the action behind the number. */
  action(a: unknown, fallbackLabel = ''): string {
    const action = obj(a)
    const label = str(action.label) ?? fallbackLabel
    if (!str(action.type)) return label
    const n = this.next++
    this.actions.push({ n, label, action })
    const mark = action.type === 'uri' ? ` ↗ ${linkUrl(action.uri) ?? ''}` : ''
    return `[${n}] ${label}${mark}`
  }

  component(c: Obj): string[] {
    switch (c.type) {
      case 'box': {
        const children = arr(c.contents).map((x) => this.component(obj(x)))
        if (c.layout === 'vertical') return children.flat()
        const line = children.map((lines) => lines.join(' ')).filter((s) => s.trim() !== '')
        return line.length > 0 ? [line.join('  ')] : []
      }
      case 'text': {
        const spans = arr(c.contents).map((s) => str(obj(s).text) ?? '')
        const text = spans.length > 0 ? spans.join('') : (str(c.text) ?? '')
        return c.action ? [this.action(c.action, text)] : text.split('\n')
      }
      case 'button':
        return [this.action(c.action)]
      case 'image':
        return [c.action ? this.action(c.action, '[รูป / image]') : '[รูป / image]']
      case 'separator':
        return [SEPARATOR]
      default:
        return []
    }
  }

  bubble(b: Obj): string[] {
    return ['header', 'hero', 'body', 'footer'].flatMap((k) => (b[k] ? this.component(obj(b[k])) : []))
  }

  message(m: Obj): string[] {
    switch (m.type) {
      case 'text':
        return (str(m.text) ?? '').split('\n')
      case 'flex': {
        const c = obj(m.contents)
        if (c.type === 'bubble') return this.bubble(c)
        const bubbles = arr(c.contents).map(obj)
        return bubbles.flatMap((b, i) => [`── ${i + 1}/${bubbles.length} ──`, ...this.bubble(b)])
      }
      case 'template': {
        const t = obj(m.template)
        const columns = t.type === 'carousel' || t.type === 'image_carousel' ? arr(t.columns).map(obj) : [t]
        return [
          str(m.altText) ?? '',
          ...columns.flatMap((col) => [
            ...[str(col.title), str(col.text)].filter((s): s is string => !!s),
            ...[...arr(col.actions), ...(col.action ? [col.action] : [])].map((a) => this.action(a)),
          ]),
        ]
      }
      case 'image':
        return [`[รูปภาพ / image] ${linkUrl(m.originalContentUrl) ?? ''}`]
      case 'sticker':
        return [`[สติกเกอร์ / sticker ${str(m.packageId) ?? '?'}/${str(m.stickerId) ?? '?'}]`]
      default:
        return [str(m.altText) ?? `[${String(m.type)}]`]
    }
  }
}

/** One send's messages as lines; numbering starts at `start`. Quick replies come from the last message. */
export function flattenMessages(messages: readonly unknown[], start = 1): Flat {
  const f = new Flattener(start)
  const lines: string[] = []
  for (const m of messages) {
    let part: string[]
    try {
      part = f.message(obj(m))
    } catch {
      part = [str(obj(m).altText) ?? '[ข้อความ / message]']
    }
    if (lines.length > 0) lines.push('')
    lines.push(...part)
  }
  const quick = arr(obj(obj(messages.at(-1)).quickReply).items).map((i) => f.action(obj(i).action))
  if (quick.length > 0) lines.push(`ตอบด่วน / Quick replies: ${quick.join('  ')}`)
  return { lines, actions: f.actions }
}
