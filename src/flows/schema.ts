import { z } from 'zod'
import { PLACEHOLDER } from '../core/messages.js'
import { LIMITS } from '../line/limits.js'
import { dialogueSections } from './schema-dialogues.js'
import { synonymsSchema } from './schema-synonyms.js'

const withoutPlaceholders = (s: string) => s.replace(PLACEHOLDER, '')

/**
 * The shape of a flows/*.yaml file. Each file holds one or more sections; sections of the same
 * name from several files are merged by the loader (a key defined twice is an error).
 * Messages follow LINE's message objects, with two conveniences for the people editing them:
 * any text as `{ th, en }` (each person gets one of them) and `quickReply: <name of a shared set>`.
 */

/** Message keys the code renders; a flows directory without them does not load. */
export const REQUIRED_MESSAGES = [
  'help',
  'fallback',
  'understand.clarify',
  'about',
  'greeting.follow',
  'greeting.join',
  'greeting.memberJoined',
  'group.pointer',
  'smalltalk.greeting',
  'smalltalk.thanks',
  'topic.assets',
  'topic.nogift',
  'budget.empty',
  'budget.title',
  'budget.scopeOrg',
  'budget.scopeUnit',
  'budget.disbursed',
  'budget.target',
  'budget.allocation',
  'budget.commitment',
  'budget.remaining',
  'budget.millions',
  'budget.behind',
  'budget.ahead',
  'budget.none',
  'budget.overall',
  'budget.asOf',
  'budget.button.ask',
  'budget.button.concern',
  'budget.altText',
  'language.changed',
  'language.group',
  'complaint.promise',
  'complaint.promise.web',
  'complaint.offer',
  'complaint.filed',
  'complaint.status',
  'complaint.followup.wrong',
  'complaint.followup.throttled',
  'complaint.replied',
  'complaint.news',
  'complaint.notifyOff',
  'form.onlyPrivate',
  'form.cancelled',
  'form.expired',
  'form.leave',
  'form.left',
  'form.resumeOffer',
  'form.replaceOffer',
  'form.closed',
  'form.otherDraft',
  'quiz.answeredBefore',
  'quiz.newRound',
  'nogift.declaration',
  'nogift.reminder',
  'nogift.pledged',
  'nogift.pledgedBefore',
  'nogift.reported',
  'questions.received.named',
  'questions.received.anonymous',
  'questions.followup.open',
  'questions.followup.answered',
  'questions.followup.wrong',
  'questions.followup.locked',
  'questions.answer',
] as const

const ACTION_TEXT_MAX = 300 // LINE: message action text, postback displayText
const URI_MAX = 1000
const RICH_MENU_AREAS_MAX = 20
const CHAT_BAR_TEXT_MAX = 14

/**
 * Non-empty, at most `max` characters not counting {{placeholders}}: what they become is only
 * known at render time, so the loader checks again after filling them with sample values.
 */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .superRefine((s, ctx) => {
      if (withoutPlaceholders(s).length > max) {
        ctx.addIssue({ code: 'too_big', origin: 'string', maximum: max, inclusive: true, input: s })
      }
    })
const uri = z
  .string()
  .max(URI_MAX)
  .regex(/^(https?:\/\/|line:\/\/|tel:|\{\{)/, 'must start with https://, http://, line:// or tel:')

/**
 * A text the person reads, in one language or as `{ th, en }`: the loader keeps one copy of
 * each message per language (src/flows/lang.ts), so a Thai screen never shows English beside it.
 */
const localized = (s: z.ZodType<string>) => z.union([s, z.strictObject({ th: s, en: s.optional() })])

const label = localized(text(LIMITS.quickReplyLabel))
const postbackData = text(LIMITS.postbackData)

export const actionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('message'), label, text: localized(text(ACTION_TEXT_MAX)) }),
  z.strictObject({
    type: z.literal('postback'),
    label,
    data: postbackData,
    displayText: localized(text(ACTION_TEXT_MAX)).optional(),
  }),
  z.strictObject({ type: z.literal('uri'), label, uri }),
])

const quickReplyItem = z.strictObject({
  type: z.literal('action'),
  imageUrl: z.url({ protocol: /^https$/ }).optional(),
  action: actionSchema,
  /** Not LINE's: false leaves the item out in groups (e.g. "report", which would out the reporter). */
  groups: z.boolean().optional(),
})

export const quickReplySet = z.strictObject({
  items: z.array(quickReplyItem).min(1).max(LIMITS.quickReplyItems),
})

const quickReply = z.union([z.string().min(1), quickReplySet])

const textMessage = z.strictObject({
  type: z.literal('text'),
  text: localized(text(LIMITS.textUtf16)),
  quickReply: quickReply.optional(),
})

const flexMessage = z.strictObject({
  type: z.literal('flex'),
  altText: localized(text(LIMITS.altText)),
  // Flex is large and evolves; LINE checks its grammar, the loader checks its size limits.
  // Any text in it may be `{ th, en }` (one is kept per language).
  contents: z.looseObject({ type: z.enum(['bubble', 'carousel']) }),
  quickReply: quickReply.optional(),
})

export const messageSchema = z.discriminatedUnion('type', [textMessage, flexMessage])

const KEY = /^[a-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const ID = /^[a-z][a-z0-9_-]*$/

const intentSchema = z.strictObject({
  id: z.string().regex(ID, 'use lowercase letters, digits, - or _'),
  keywords: z.strictObject({
    th: z.array(text(100)).min(1),
    en: z.array(text(100)).default([]),
  }),
  priority: z.enum(['high', 'normal', 'low']).default('normal'),
  /** The measure (flows `measures:`) a use of this intent is evidence for. */
  measure: z.string().optional(),
  /** Questions as staff type them, for free-text understanding; never commands on their own. */
  questions: z.array(text(300)).max(50).optional(),
})

const boundsSchema = z.strictObject({
  x: z.int().min(0),
  y: z.int().min(0),
  width: z.int().min(1),
  height: z.int().min(1),
})

/**
 * A rich-menu text: `{ th, en }` (both required: each goes into one language's menu) or one
 * string both menus share, as files written before the menus were per language do.
 */
const menuText = (s: z.ZodType<string>) => z.union([s, z.strictObject({ th: s, en: s })])

const areaSchema = z.strictObject({
  bounds: boundsSchema,
  // Each language's label is drawn on its menu's image and is the action label LINE reads aloud
  // there, so both keep LINE's 20 characters.
  label: z.strictObject({ th: text(LIMITS.quickReplyLabel), en: text(LIMITS.quickReplyLabel) }),
  action: z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('postback'),
      data: postbackData,
      displayText: menuText(text(ACTION_TEXT_MAX)).optional(),
    }),
    z.strictObject({ type: z.literal('message'), text: menuText(text(ACTION_TEXT_MAX)) }),
    z.strictObject({ type: z.literal('uri'), uri }),
  ]),
})

const imageFile = z.string().regex(/^[\w-]+\.(png|jpe?g)$/, 'a PNG or JPEG file name in flows/')

type Bounds = z.infer<typeof boundsSchema>
const overlaps = (a: Bounds, b: Bounds) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

export const richMenuSchema = z
  .strictObject({
    name: text(300),
    chatBarText: menuText(text(CHAT_BAR_TEXT_MAX)),
    size: z.strictObject({ width: z.literal(2500), height: z.union([z.literal(1686), z.literal(843)]) }),
    areas: z.array(areaSchema).min(1).max(RICH_MENU_AREAS_MAX),
    image: menuText(imageFile).optional(),
  })
  .superRefine((menu, ctx) => {
    menu.areas.forEach((area, i) => {
      const b = area.bounds
      if (b.x + b.width > menu.size.width || b.y + b.height > menu.size.height) {
        ctx.addIssue({
          code: 'custom',
          path: ['areas', i, 'bounds'],
          message: `goes outside the ${menu.size.width}×${menu.size.height} menu`,
        })
      }
      const j = menu.areas.findIndex((other, k) => k < i && overlaps(other.bounds, b))
      if (j >= 0)
        ctx.addIssue({ code: 'custom', path: ['areas', i, 'bounds'], message: `overlaps area ${j}` })
    })
  })

export const flowFileSchema = z.strictObject({
  intents: z.array(intentSchema).optional(),
  messages: z
    .record(
      z.string().regex(KEY, 'message keys look like "topic.budget"'),
      z.array(messageSchema).min(1).max(LIMITS.messagesPerCall),
    )
    .optional(),
  quickReplies: z
    .record(z.string().regex(NAME, 'set names use letters, digits and _'), quickReplySet)
    .optional(),
  /** Placeholder name → sample value, used to check LINE's limits at load time and in previews. */
  placeholders: z
    .record(z.string().regex(NAME, 'placeholder names use letters, digits and _'), z.string())
    .optional(),
  richMenu: richMenuSchema.optional(),
  /** Words staff type → what they mean in flows' words (src/flows/load-synonyms.ts). */
  synonyms: synonymsSchema.optional(),
  ...dialogueSections,
})

export type FlowFile = z.infer<typeof flowFileSchema>
export type MessageDef = z.infer<typeof messageSchema>
export type QuickReplySet = z.infer<typeof quickReplySet>

type Path = readonly PropertyKey[]

/** The value at a path of the parsed file, to say what was found instead. */
function valueAt(data: unknown, path: Path): unknown {
  let v = data
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<PropertyKey, unknown>)[key]
  }
  return v
}

function describe(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'a list'
  if (typeof v === 'string') return `text "${v.length > 30 ? `${v.slice(0, 30)}…` : v}"`
  if (typeof v === 'object') return 'a mapping'
  return `${typeof v} ${String(v)}`
}

const sizeOf = (v: unknown) =>
  typeof v === 'string' ? withoutPlaceholders(v).length : Array.isArray(v) ? v.length : 0

/** One zod issue in words an editor of the file can act on, with the path inside the file. */
function describeIssue(issue: z.core.$ZodIssue, data: unknown, base: Path): [Path, string][] {
  const path = [...base, ...issue.path]
  const found = valueAt(data, path)
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string'
        ? [
            [
              path,
              `too long (${sizeOf(found)} characters${typeof found === 'string' && withoutPlaceholders(found) !== found ? ' besides {{placeholders}}' : ''}, max ${issue.maximum})`,
            ],
          ]
        : issue.origin === 'array'
          ? [[path, `too many items (${sizeOf(found)}, max ${issue.maximum})`]]
          : [[path, `must be at most ${issue.maximum}`]]
    case 'too_small':
      if (issue.origin === 'string') return [[path, 'must not be empty']]
      if (issue.origin === 'array') return [[path, `needs at least ${issue.minimum} item(s)`]]
      return [[path, `must be at least ${issue.minimum}`]]
    case 'unrecognized_keys': {
      // At the top level the likely cause is a new kind of content the schema does not know yet.
      const what =
        path.length === 0
          ? `unknown section (known: ${Object.keys(flowFileSchema.shape).join(', ')})`
          : 'unknown field'
      return issue.keys.map((k) => [[...path, k], what])
    }
    case 'invalid_type':
      if (path.length === 0) return [[path, `expected a mapping of sections, got ${describe(found)}`]]
      return [
        [path, found === undefined ? 'is required' : `expected ${issue.expected}, got ${describe(found)}`],
      ]
    case 'invalid_value':
      return [[path, `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`]]
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options
      if (options) {
        const what = found === undefined ? 'is required' : `${JSON.stringify(found)} is not supported`
        return [[path, `${what}: use ${options.join(' or ')}`]]
      }
      // Report the branch that got past the basic type check; if none did, name the types.
      const deep = issue.errors.find((branch) =>
        branch.some((i) => i.code !== 'invalid_type' || i.path.length > 0),
      )
      if (deep) return deep.flatMap((i) => describeIssue(i, data, path))
      const expected = issue.errors.flatMap((b) =>
        b.map((i) => (i.code === 'invalid_type' ? i.expected : '?')),
      )
      return [[path, `expected ${[...new Set(expected)].join(' or ')}, got ${describe(found)}`]]
    }
    case 'invalid_key':
      return [[path, `bad key: ${issue.issues.map((i) => i.message).join('; ')}`]]
    default:
      return [[path, issue.message]]
  }
}

/** `path.inside.file: problem` lines for every issue. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], data: unknown): string[] {
  return issues.flatMap((issue) =>
    describeIssue(issue, data, []).map(([path, text]) =>
      path.length > 0 ? `${path.map(String).join('.')}: ${text}` : text,
    ),
  )
}
