import { signBody } from '../../src/webhook/signature.js'
import { TEST_CHANNEL_SECRET } from './app.js'

let counter = 0
/** A ULID-shaped, unique webhook event id. */
export function eventId(): string {
  counter++
  return `01TEST${Date.now().toString(36).toUpperCase()}${String(counter).padStart(8, '0')}`.slice(0, 26)
}

export const USER_A = `U${'a'.repeat(32)}`
export const USER_B = `U${'b'.repeat(32)}`
export const GROUP_1 = `C${'1'.repeat(32)}`

type Src = { type: 'user'; userId: string } | { type: 'group'; groupId: string; userId?: string }

export const fromUser = (userId = USER_A): Src => ({ type: 'user', userId })
export const fromGroup = (groupId = GROUP_1, userId?: string): Src =>
  userId ? { type: 'group', groupId, userId } : { type: 'group', groupId }

function base(type: string, source: Src, timestamp: number) {
  return {
    type,
    mode: 'active' as 'active' | 'standby',
    timestamp,
    source,
    webhookEventId: eventId(),
    deliveryContext: { isRedelivery: false },
  }
}

export function textEvent(text: string, source: Src = fromUser(), timestamp = Date.now()) {
  return {
    ...base('message', source, timestamp),
    replyToken: `rt-${eventId()}`,
    message: { type: 'text', id: String(Math.floor(Math.random() * 1e15)), quoteToken: 'q', text },
  }
}

export function postbackEvent(data: string, source: Src = fromUser(), timestamp = Date.now()) {
  return { ...base('postback', source, timestamp), replyToken: `rt-${eventId()}`, postback: { data } }
}

export function simpleEvent(
  type: string,
  source: Src,
  extra: Record<string, unknown> = {},
  timestamp = Date.now(),
) {
  return { ...base(type, source, timestamp), ...extra }
}

export function envelope(events: unknown[], destination = `U${'d'.repeat(32)}`): string {
  return JSON.stringify({ destination, events })
}

/** A webhook request signed exactly as LINE signs it. */
export async function signedRequest(body: string, secret = TEST_CHANNEL_SECRET, path = '/webhook') {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': await signBody(secret, body) },
    body,
  })
}
