import { z } from 'zod'

// LINE webhook event schemas (Messaging API reference). Fields the app does not use are kept
// with passthrough-by-default `looseObject`, so a new field from LINE never breaks parsing.

export const sourceSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('user'), userId: z.string().min(1) }),
  z.looseObject({
    type: z.literal('group'),
    groupId: z.string().min(1),
    userId: z.string().min(1).optional(),
  }),
  z.looseObject({ type: z.literal('room'), roomId: z.string().min(1), userId: z.string().min(1).optional() }),
])
export type Source = z.infer<typeof sourceSchema>

/** The fields every event has; this is what the envelope check demands of every event. */
export const baseEventSchema = z.looseObject({
  type: z.string().min(1),
  mode: z.enum(['active', 'standby']),
  timestamp: z.number().int().nonnegative(),
  webhookEventId: z.string().min(1).max(64),
  deliveryContext: z.looseObject({ isRedelivery: z.boolean() }),
  source: sourceSchema.optional(),
})
export type BaseEvent = z.infer<typeof baseEventSchema>

const emojiOrMention = z.unknown()

export const messageContentSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('text'),
    id: z.string(),
    text: z.string(),
    quoteToken: z.string().optional(),
    emojis: z.array(emojiOrMention).optional(),
    mention: emojiOrMention.optional(),
  }),
  z.looseObject({ type: z.literal('image'), id: z.string() }),
  z.looseObject({ type: z.literal('video'), id: z.string() }),
  z.looseObject({ type: z.literal('audio'), id: z.string() }),
  z.looseObject({ type: z.literal('file'), id: z.string(), fileName: z.string(), fileSize: z.number() }),
  z.looseObject({ type: z.literal('location'), id: z.string() }),
  z.looseObject({ type: z.literal('sticker'), id: z.string() }),
])
export type MessageContent = z.infer<typeof messageContentSchema>

const withSource = baseEventSchema.extend({ source: sourceSchema })
const replyable = withSource.extend({ replyToken: z.string().min(1).optional() })
const members = z.looseObject({
  members: z.array(z.looseObject({ type: z.literal('user'), userId: z.string() })),
})

export const eventSchemas = {
  message: replyable.extend({ message: messageContentSchema }),
  follow: replyable.extend({ follow: z.looseObject({ isUnblocked: z.boolean() }).optional() }),
  unfollow: withSource,
  join: replyable,
  leave: withSource,
  memberJoined: replyable.extend({ joined: members }),
  memberLeft: withSource.extend({ left: members }),
  postback: replyable.extend({
    postback: z.looseObject({ data: z.string(), params: z.record(z.string(), z.unknown()).optional() }),
  }),
  unsend: withSource.extend({ unsend: z.looseObject({ messageId: z.string().min(1) }) }),
} as const

export type KnownEventType = keyof typeof eventSchemas
export type EventOf<T extends KnownEventType> = z.infer<(typeof eventSchemas)[T]>
export type MessageEvent = EventOf<'message'>
export type PostbackEvent = EventOf<'postback'>

export function isKnownEventType(type: string): type is KnownEventType {
  return Object.hasOwn(eventSchemas, type)
}

/** The raw id of the chat an event came from (user, group or room), if any. */
export function chatIdOf(source: Source | undefined): string | null {
  if (!source) return null
  if (source.type === 'user') return source.userId
  if (source.type === 'group') return source.groupId
  return source.roomId
}

export const envelopeSchema = z.looseObject({
  destination: z.string().min(1),
  events: z.array(baseEventSchema).max(100),
})
export type Envelope = z.infer<typeof envelopeSchema>

export type EnvelopeResult =
  | { ok: true; envelope: Envelope; known: Map<number, KnownEventType> }
  | { ok: false; error: string }

/**
 * Validates a signed body. The base fields are required of every event; a known type must also
 * match its own schema (a message without `message` is malformed). Unknown types pass: LINE
 * adds new ones and they must be kept and ignored, never refused.
 */
export function parseEnvelope(json: unknown): EnvelopeResult {
  const parsed = envelopeSchema.safeParse(json)
  if (!parsed.success) return { ok: false, error: describe(parsed.error) }
  const known = new Map<number, KnownEventType>()
  for (const [i, event] of parsed.data.events.entries()) {
    if (!isKnownEventType(event.type)) continue
    const specific = eventSchemas[event.type].safeParse(event)
    if (!specific.success) return { ok: false, error: describe(specific.error, `events.${i}`) }
    known.set(i, event.type)
  }
  return { ok: true, envelope: parsed.data, known }
}

function describe(error: z.ZodError, prefix?: string): string {
  const first = error.issues[0]
  if (!first) return 'invalid body'
  const path = [prefix, ...first.path.map(String)].filter(Boolean).join('.')
  return `${path || 'body'}: ${first.message}`
}
