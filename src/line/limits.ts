import type { LineMessage, PushOptions } from './port.js'

// LINE Messaging API limits (docs: "Message objects", "Quick reply", "Postback action").
export const LIMITS = {
  messagesPerCall: 5,
  textUtf16: 5000,
  altText: 1500,
  quickReplyItems: 13,
  quickReplyLabel: 20,
  postbackData: 300,
  multicastRecipients: 500,
  flexBubbleBytes: 30_000,
  flexCarouselBytes: 50_000,
  flexCarouselBubbles: 12,
  aggregationUnitsPerRequest: 1,
  loadingSeconds: { min: 5, max: 60, step: 5 },
} as const

export class LineLimitError extends Error {
  constructor(readonly problems: string[]) {
    super(`LINE would refuse this request: ${problems.join('; ')}`)
    this.name = 'LineLimitError'
  }
}

const byteLength = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)).length

/** Collects every postback `data` inside a value (actions nest deep in Flex and templates). */
function postbackData(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const v of value) postbackData(v, out)
  } else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>
    if (o.type === 'postback' && typeof o.data === 'string') out.push(o.data)
    for (const v of Object.values(o)) postbackData(v, out)
  }
  return out
}

function checkOne(m: LineMessage, at: string): string[] {
  const problems: string[] = []
  const msg = m as unknown as Record<string, unknown>
  if (msg.type === 'text' && typeof msg.text === 'string') {
    if (msg.text.length === 0) problems.push(`${at}: text is empty`)
    if (msg.text.length > LIMITS.textUtf16) {
      problems.push(`${at}: text has ${msg.text.length} UTF-16 units, over ${LIMITS.textUtf16}`)
    }
  }
  if (typeof msg.altText === 'string' && msg.altText.length > LIMITS.altText) {
    problems.push(`${at}: altText has ${msg.altText.length} characters, over ${LIMITS.altText}`)
  }
  if (msg.type === 'flex') {
    const contents = msg.contents as { type?: string; contents?: unknown[] } | undefined
    if (contents?.type === 'carousel') {
      const n = contents.contents?.length ?? 0
      if (n > LIMITS.flexCarouselBubbles) problems.push(`${at}: carousel has ${n} bubbles, over 12`)
      if (byteLength(contents) > LIMITS.flexCarouselBytes) problems.push(`${at}: carousel is over 50 KB`)
    } else if (byteLength(contents) > LIMITS.flexBubbleBytes) {
      problems.push(`${at}: bubble is over 30 KB`)
    }
  }
  const quick = (msg.quickReply as { items?: unknown[] } | undefined)?.items
  if (quick && quick.length > LIMITS.quickReplyItems) {
    problems.push(`${at}: ${quick.length} quick reply items, over ${LIMITS.quickReplyItems}`)
  }
  // Problems name positions, never the text: these messages end up in logs.
  for (const [i, item] of ((quick ?? []) as { action?: { label?: unknown } }[]).entries()) {
    const label = item.action?.label
    if (typeof label === 'string' && label.length > LIMITS.quickReplyLabel) {
      problems.push(
        `${at}: quick reply item ${i + 1} label has ${label.length} characters, over ${LIMITS.quickReplyLabel}`,
      )
    }
  }
  for (const data of postbackData(msg)) {
    if (data.length > LIMITS.postbackData) {
      problems.push(`${at}: postback data has ${data.length} characters, over ${LIMITS.postbackData}`)
    }
  }
  return problems
}

/** Every reason LINE would refuse these messages in one call; empty when they fit. */
export function checkMessages(messages: LineMessage[]): string[] {
  const problems: string[] = []
  if (messages.length === 0) problems.push('no messages to send')
  if (messages.length > LIMITS.messagesPerCall) {
    problems.push(`${messages.length} messages in one call, over ${LIMITS.messagesPerCall}`)
  }
  messages.forEach((m, i) => {
    problems.push(...checkOne(m, `message ${i + 1}`))
  })
  return problems
}

/** Throws LineLimitError naming every problem, before anything reaches LINE. */
export function assertWithinLimits(messages: LineMessage[]): void {
  const problems = checkMessages(messages)
  if (problems.length > 0) throw new LineLimitError(problems)
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const AGGREGATION_UNIT = /^[a-zA-Z0-9_]{1,30}$/

export const isUuid = (v: string) => UUID.test(v)
/** LINE user ids are U + 32 hex; groups are C…, rooms R…. */
export const isUserId = (id: string) => id.startsWith('U')

/** Problems with the options of a push, multicast or broadcast (broadcast has no aggregation units). */
export function checkPushOptions(opts: PushOptions, op: 'push' | 'multicast' | 'broadcast'): string[] {
  const problems: string[] = []
  if (!isUuid(opts.retryKey)) problems.push('retryKey must be a UUID (X-Line-Retry-Key)')
  const units = opts.customAggregationUnits
  if (units && units.length > 0) {
    if (op === 'broadcast') problems.push('broadcast does not take customAggregationUnits')
    if (units.length > LIMITS.aggregationUnitsPerRequest) {
      problems.push(`${units.length} customAggregationUnits, LINE takes ${LIMITS.aggregationUnitsPerRequest}`)
    }
    if (units.some((u) => !AGGREGATION_UNIT.test(u))) {
      problems.push('customAggregationUnits must match ^[a-zA-Z0-9_]{1,30}$')
    }
  }
  return problems
}

/** Multicast takes 1–500 user ids; groups and rooms need a push each. Ids are never quoted. */
export function checkMulticastRecipients(userIds: string[]): string[] {
  const problems: string[] = []
  if (userIds.length === 0) problems.push('multicast has no recipients')
  if (userIds.length > LIMITS.multicastRecipients) {
    problems.push(`multicast to ${userIds.length} recipients, over ${LIMITS.multicastRecipients}`)
  }
  const notUsers = userIds.filter((id) => !isUserId(id)).length
  if (notUsers > 0) {
    problems.push(`multicast takes user ids only; ${notUsers} recipient(s) are groups, rooms or invalid`)
  }
  return problems
}

/** The loading animation works in 1:1 chats only, for 5–60 s in steps of 5. */
export function checkLoading(chatId: string, seconds: number): string[] {
  const { min, max, step } = LIMITS.loadingSeconds
  const problems: string[] = []
  if (!isUserId(chatId)) problems.push('loading animation works in 1:1 chats only (a user id)')
  if (!Number.isInteger(seconds) || seconds < min || seconds > max || seconds % step !== 0) {
    problems.push(`loading seconds must be ${min}–${max} in steps of ${step}, got ${seconds}`)
  }
  return problems
}

/** Throws LineLimitError when any check found a problem. */
export function assertNoProblems(problems: string[]): void {
  if (problems.length > 0) throw new LineLimitError(problems)
}
