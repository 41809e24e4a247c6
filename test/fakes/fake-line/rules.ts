// LINE's rules, written again from LINE's reference rather than imported from src/line/limits.ts,
// so that a mistake in the adapter's own checks shows up as a 400 here instead of agreeing with itself.
import { asRecord, type Detail } from './state.js'

const MESSAGE_TYPES = new Set([
  'text',
  'textV2',
  'sticker',
  'image',
  'video',
  'audio',
  'location',
  'imagemap',
  'template',
  'flex',
])

/** Every postback action's `data` below `value`, with its property path. */
function postbacks(value: unknown, path: string, out: { path: string; data: unknown }[] = []) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      postbacks(v, `${path}[${i}]`, out)
    })
  } else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>
    if (o.type === 'postback') out.push({ path: `${path}.data`, data: o.data })
    for (const [k, v] of Object.entries(o)) postbacks(v, `${path}.${k}`, out)
  }
  return out
}

function oneMessage(m: unknown, at: string): Detail[] {
  const msg = asRecord(m)
  const d: Detail[] = []
  if (typeof msg.type !== 'string' || !MESSAGE_TYPES.has(msg.type)) {
    d.push({ property: `${at}.type`, message: 'Unknown message type' })
  }
  if (
    msg.type === 'text' &&
    (typeof msg.text !== 'string' || msg.text.length < 1 || msg.text.length > 5000)
  ) {
    d.push({ property: `${at}.text`, message: 'Length must be between 1 and 5000' })
  }
  if (msg.altText !== undefined && (typeof msg.altText !== 'string' || msg.altText.length > 1500)) {
    d.push({ property: `${at}.altText`, message: 'Length must be between 1 and 1500' })
  }
  const items = asRecord(msg.quickReply).items
  if (msg.quickReply !== undefined && (!Array.isArray(items) || items.length < 1 || items.length > 13)) {
    d.push({ property: `${at}.quickReply.items`, message: 'Size must be between 1 and 13' })
  }
  for (const p of postbacks(msg, at)) {
    if (typeof p.data !== 'string' || p.data.length > 300) {
      d.push({ property: p.path, message: 'Length must be between 0 and 300' })
    }
  }
  return d
}

/** Problems LINE reports for a `messages` array: 1–5 messages, each within its limits. */
export function messageProblems(messages: unknown): Detail[] {
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > 5) {
    return [{ property: 'messages', message: 'Size must be between 1 and 5' }]
  }
  return messages.flatMap((m, i) => oneMessage(m, `messages[${i}]`))
}

const ACTION_TYPES = new Set([
  'postback',
  'message',
  'uri',
  'datetimepicker',
  'richmenuswitch',
  'camera',
  'cameraRoll',
  'location',
])

const within = (v: unknown, min: number, max: number) =>
  typeof v === 'string' && v.length >= min && v.length <= max

function actionProblems(action: unknown, at: string): Detail[] {
  const a = asRecord(action)
  const d: Detail[] = []
  if (typeof a.type !== 'string' || !ACTION_TYPES.has(a.type))
    d.push({ property: `${at}.type`, message: 'Invalid' })
  if (a.label !== undefined && !within(a.label, 0, 20))
    d.push({ property: `${at}.label`, message: 'Length must be between 0 and 20' })
  if (a.type === 'postback' && !within(a.data, 1, 300))
    d.push({ property: `${at}.data`, message: 'Length must be between 1 and 300' })
  if (a.displayText !== undefined && !within(a.displayText, 1, 300)) {
    d.push({ property: `${at}.displayText`, message: 'Length must be between 1 and 300' })
  }
  if (a.type === 'message' && !within(a.text, 1, 300))
    d.push({ property: `${at}.text`, message: 'Length must be between 1 and 300' })
  if (a.type === 'uri' && !within(a.uri, 1, 1000))
    d.push({ property: `${at}.uri`, message: 'Length must be between 1 and 1000' })
  return d
}

const isCount = (v: unknown, min: number): v is number => Number.isInteger(v) && (v as number) >= min

/** Problems LINE reports for a rich menu object (create and validate). */
export function richMenuProblems(value: unknown): Detail[] {
  const m = asRecord(value)
  const size = asRecord(m.size)
  const d: Detail[] = []
  const { width, height } = size
  if (!isCount(width, 800) || width > 2500 || !isCount(height, 250) || width / height < 1.45) {
    d.push({
      property: 'size',
      message: 'Width must be 800–2500, height at least 250, width/height at least 1.45',
    })
  }
  if (typeof m.selected !== 'boolean') d.push({ property: 'selected', message: 'Must not be null' })
  if (!within(m.name, 1, 300)) d.push({ property: 'name', message: 'Length must be between 1 and 300' })
  if (!within(m.chatBarText, 1, 14))
    d.push({ property: 'chatBarText', message: 'Length must be between 1 and 14' })
  if (!Array.isArray(m.areas) || m.areas.length > 20) {
    d.push({ property: 'areas', message: 'Size must be between 0 and 20' })
    return d
  }
  m.areas.forEach((area, i) => {
    const b = asRecord(asRecord(area).bounds)
    const fits =
      isCount(b.x, 0) &&
      isCount(b.y, 0) &&
      isCount(b.width, 1) &&
      isCount(b.height, 1) &&
      typeof width === 'number' &&
      typeof height === 'number' &&
      b.x + b.width <= width &&
      b.y + b.height <= height
    if (!fits) d.push({ property: `areas[${i}].bounds`, message: 'The area is out of the rich menu' })
    d.push(...actionProblems(asRecord(area).action, `areas[${i}].action`))
  })
  return d
}
