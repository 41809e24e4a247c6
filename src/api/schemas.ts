import { z } from 'zod'
import { WEEKDAYS } from '../broadcasts/schedule.js'

// One set of zod schemas: the routes validate with them and openapi.ts renders them, so the
// document cannot drift from what the API accepts. Content rules LINE imposes (5 messages,
// 30 KB bubbles, …) are NOT repeated here: the broadcast service checks them with
// line/limits.ts and answers 422 with the exact problems.

const text = z.object({ type: z.literal('text'), text: z.string() }).loose()
const flex = z
  .object({
    type: z.literal('flex'),
    altText: z.string(),
    contents: z.object({ type: z.enum(['bubble', 'carousel']) }).loose(),
  })
  .loose()
const image = z
  .object({ type: z.literal('image'), originalContentUrl: z.url(), previewImageUrl: z.url() })
  .loose()
const sticker = z.object({ type: z.literal('sticker'), packageId: z.string(), stickerId: z.string() }).loose()

export const LineMessageSchema = z
  .discriminatedUnion('type', [text, flex, image, sticker])
  .meta({ id: 'LineMessage', description: 'A LINE message object (Messaging API).' })

const hour = z.int().min(0).max(23)
const minute = z.int().min(0).max(59)
export const PresetSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('daily'), hour, minute }),
    z.object({ kind: z.literal('weekdays'), hour, minute }),
    z.object({ kind: z.literal('weekly'), weekday: z.enum(WEEKDAYS), hour, minute }),
    z.object({ kind: z.literal('monthly'), day: z.int().min(1).max(28), hour, minute }),
    z.object({ kind: z.literal('monthly_last_day'), hour, minute }),
  ])
  .meta({ id: 'Preset' })

const timeZone = z
  .string()
  .min(1)
  .max(64)
  .meta({ description: "IANA time zone; the server's TZ_DEFAULT (Asia/Bangkok unless set) by default." })
const startAt = z.iso.datetime({ offset: true }).meta({ description: 'First possible run; now by default.' })
export const ScheduleSchema = z
  .union([
    z.strictObject({ at: z.iso.datetime({ offset: true }) }),
    z.strictObject({ preset: PresetSchema, timeZone: timeZone.optional(), startAt: startAt.optional() }),
    z.strictObject({
      cron: z.string().min(1).max(100),
      timeZone: timeZone.optional(),
      startAt: startAt.optional(),
    }),
  ])
  .meta({ id: 'Schedule', description: 'Once at a time, a preset recurrence, or a 5-field cron.' })

export const CreateBroadcastSchema = z
  .strictObject({
    title: z.string().min(1).max(200),
    messages: z.array(LineMessageSchema).min(1),
    audience: z.string().min(1).max(100).meta({ description: 'An audience id, or "all_followers".' }),
    measure: z.string().max(50).nullish().meta({
      description:
        'The measure (flows/measures.yaml) the broadcast serves, e.g. "nogift". Required: every broadcast is evidence for one.',
    }),
    schedule: ScheduleSchema,
  })
  .meta({ id: 'CreateBroadcast' })

export const CreateAudienceSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    labels: z.array(z.string().trim().min(1).max(100)).max(200).default([]),
    groupIds: z
      .array(z.string().regex(/^[CR][0-9a-f]{32}$/))
      .max(2000)
      .default([]),
  })
  .meta({ id: 'CreateAudience', description: 'At least one label or group id.' })

export const IdParams = z.object({ id: z.string().min(1).max(100) })
export const RunParams = z.object({ id: z.string().min(1).max(100), runId: z.string().min(1).max(100) })

// Responses -------------------------------------------------------------------------------

const when = z.iso.datetime()
export const ProblemSchema = z
  .object({
    error: z.string(),
    message: z.string().meta({ description: 'Thai / English.' }),
    details: z.array(z.string()).optional(),
  })
  .meta({ id: 'Problem' })

export const AudienceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    labels: z.array(z.string()),
    groups: z.array(z.object({ name: z.string().nullable(), labels: z.array(z.string()) })),
    recipients: z.int(),
  })
  .meta({ id: 'Audience' })

const RunStatus = z.enum(['pending', 'sending', 'sent', 'partly_failed', 'failed'])
export const RunSchema = z
  .object({
    id: z.string(),
    scheduledFor: when,
    status: RunStatus,
    counts: z.object({ pending: z.int(), sending: z.int(), sent: z.int(), failed: z.int() }),
  })
  .meta({ id: 'Run' })

export const BroadcastSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.enum(['draft', 'scheduled', 'sending', 'sent', 'partly_failed', 'failed', 'cancelled']),
    audience: z.string(),
    measure: z.string().nullable(),
    messages: z.array(z.looseObject({ type: z.string() })),
    runAt: when,
    cron: z.string().nullable(),
    timeZone: z.string(),
    nextRunAt: when.nullable(),
    createdAt: when,
    updatedAt: when,
    runs: z.array(RunSchema).optional(),
  })
  .meta({ id: 'Broadcast' })

export const DeliverySchema = z
  .object({
    recipient: z.object({
      type: z.enum(['group', 'room', 'user', 'all_followers']),
      name: z.string().nullable().meta({ description: "The group's LINE name; never a LINE id." }),
      labels: z.array(z.string()),
    }),
    status: z.enum(['pending', 'sending', 'sent', 'failed']),
    attempts: z.int(),
    answerStatus: z.int().nullable(),
    sentAt: when.nullable(),
  })
  .meta({ id: 'Delivery' })

export const DeliveriesSchema = z
  .object({ run: RunSchema, deliveries: z.array(DeliverySchema) })
  .meta({ id: 'Deliveries' })
export const RetrySchema = z.object({ runId: z.string(), reset: z.int() }).meta({ id: 'RetryResult' })
export const ListOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) })

export type CreateBroadcast = z.output<typeof CreateBroadcastSchema>
export type Broadcast = z.output<typeof BroadcastSchema>
export type Run = z.output<typeof RunSchema>
export type Audience = z.output<typeof AudienceSchema>
export type Delivery = z.output<typeof DeliverySchema>
