import { toHex, utf8 } from '../core/bytes.js'

// Identifiers shaped like LINE's, so code that checks formats behaves as it will in production.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

export function randomHex(bytes: number): string {
  return toHex(crypto.getRandomValues(new Uint8Array(bytes)))
}

/** A group id: `C` + 32 hex characters. */
export const newGroupId = (): string => `C${randomHex(16)}`

/** The simulated bot's own user id (the webhook `destination`). */
export const newBotUserId = (): string => `U${randomHex(16)}`

/**
 * A user id derived from the persona's name and the channel secret: the same person keeps the
 * same id across restarts, so the bot's stored state (friends, sessions) still matches them.
 */
export async function userIdFor(name: string, channelSecret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', utf8(`sim-user\u0000${channelSecret}\u0000${name}`))
  return `U${toHex(new Uint8Array(digest)).slice(0, 32)}`
}

/** Reply tokens are opaque to the bot; LINE's are 32 hex characters. */
export const newReplyToken = (): string => randomHex(16)

/** Message ids are decimal strings of about 18 digits. */
export function newMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18))
  return Array.from(bytes, (b, i) => (i === 0 ? 1 + (b % 9) : b % 10)).join('')
}

/** Quote tokens are opaque base64url-ish strings. */
export function newQuoteToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(48))
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '')
}

/** A ULID: 48-bit time in Crockford base32 (10 characters), then 80 random bits (16). */
export function newWebhookEventId(now: Date): string {
  let t = now.getTime()
  let time = ''
  for (let i = 0; i < 10; i++) {
    time = (CROCKFORD[t % 32] ?? '0') + time
    t = Math.floor(t / 32)
  }
  const random = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => CROCKFORD[b % 32]).join('')
  return time + random
}

export const newRequestId = (): string => crypto.randomUUID()

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (s: string): boolean => UUID.test(s)
