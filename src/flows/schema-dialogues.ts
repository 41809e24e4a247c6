import { z } from 'zod'
import { LIMITS } from '../line/limits.js'
import { itaItemsSchema, type MeasureDef, measureSchema } from './schema-measures.js'

/**
 * The data-driven parts of flows/ beyond single messages: measures (with the ITA items they
 * answer), guides (step cards), quizzes, short forms, FAQ answers and the seasonal calendar.
 * The code renders them (src/flows/render-*.ts); an agency edits only the data.
 */

const str = (max: number) => z.string().trim().min(1).max(max)
/** Thai first; English beside it. A plain string is Thai only. */
export const bilingualSchema = (max: number) =>
  z.union([str(max), z.strictObject({ th: str(max), en: str(max).optional() })])
export type BilingualText = z.infer<ReturnType<typeof bilingualSchema>>

const ID = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/
const id = z.string().regex(ID, 'use lowercase letters, digits, -, _ and dots, e.g. "assets.vehicle"')
/** A button's label: LINE's 20 characters in each language. */
const label = bilingualSchema(LIMITS.quickReplyLabel)
const keywords = z.strictObject({ th: z.array(str(100)).min(1), en: z.array(str(100)).default([]) })

const uri = z
  .string()
  .max(1000)
  .regex(/^(https?:\/\/|line:\/\/|tel:)/, 'must start with https://, http://, line:// or tel:')

/** A button on a card: open a link or form, or call a number. */
const linkSchema = z.strictObject({ label, uri })

const stepSchema = z.strictObject({
  title: bilingualSchema(120),
  body: bilingualSchema(1000),
  /** Short label/value rows: who approves, which form, how long. */
  facts: z
    .array(z.strictObject({ label: bilingualSchema(40), value: bilingualSchema(300) }))
    .max(6)
    .optional(),
  link: linkSchema.optional(),
})

export const guideSchema = z.strictObject({
  measure: id,
  /**
   * What its cards are: the steps of a procedure ("ขั้นที่ 2/5", default) or the items of a
   * list, such as standards or hotlines ("ข้อ 2/7"): the counter and the closing card say so.
   */
  kind: z.enum(['steps', 'items']).default('steps'),
  title: bilingualSchema(80),
  /** What the guide is for, on the chooser and as the notification text. */
  summary: bilingualSchema(300),
  /** Words that open this guide directly ("โน้ตบุ๊ก" → the IT equipment guide). */
  keywords: keywords.optional(),
  // One bubble per step plus the closing bubble: LINE's carousel holds 12.
  steps: z
    .array(stepSchema)
    .min(1)
    .max(LIMITS.flexCarouselBubbles - 1),
  /** The quiz offered at the end of the guide. */
  quiz: id.optional(),
  /** The closing card's text, instead of the default for its kind. */
  closing: bilingualSchema(300).optional(),
})

const choiceSchema = z.strictObject({
  label,
  value: z
    .string()
    .regex(/^[a-z0-9_-]{1,30}$/)
    .optional(),
})

export const quizSchema = z.strictObject({
  measure: id,
  title: bilingualSchema(80),
  questions: z
    .array(
      z
        .strictObject({
          text: bilingualSchema(500),
          choices: z.array(choiceSchema).min(2).max(4),
          /** Index of the right choice, counted from 0. */
          answer: z.int().min(0),
          explain: bilingualSchema(500),
        })
        .refine((q) => q.answer < q.choices.length, {
          message: 'answer must be the index of one of the choices (counted from 0)',
          path: ['answer'],
        }),
    )
    .min(1)
    .max(10),
})

const fieldBase = {
  id: z.string().regex(/^[a-z][A-Za-z0-9]*$/),
  prompt: bilingualSchema(500),
  /** The name of the question on the "edit" buttons (at most 20 characters). */
  short: label.optional(),
  /** Ask only when an earlier answer (or preset) has this value. */
  when: z.strictObject({ field: z.string(), is: z.string() }).optional(),
}
const fieldSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...fieldBase,
    type: z.literal('choice'),
    choices: z
      .array(z.strictObject({ value: z.string().regex(/^[a-z0-9_-]{1,30}$/), label }))
      .min(2)
      .max(LIMITS.quickReplyItems - 1),
  }),
  z.strictObject({
    ...fieldBase,
    type: z.literal('text'),
    max: z.int().min(1).max(5000).default(500),
    optional: z.boolean().default(false),
  }),
  z.strictObject({
    ...fieldBase,
    type: z.literal('number'),
    min: z.number().default(0),
    max: z.number().default(1_000_000_000),
    unit: bilingualSchema(20).optional(),
  }),
  z.strictObject({
    ...fieldBase,
    type: z.literal('attachments'),
    /** Photos or files the person may send before tapping "done". */
    max: z.int().min(1).max(10).default(5),
  }),
  z.strictObject({
    ...fieldBase,
    type: z.literal('date'),
    /** How far back a date may be, in days; never in the future. */
    maxAgeDays: z.int().min(1).max(3650).default(365),
  }),
])

export const formSchema = z.strictObject({
  measure: id,
  title: bilingualSchema(80),
  /** Said before the first question: what the form is for and what is kept. */
  intro: bilingualSchema(1500),
  fields: z.array(fieldSchema).min(1).max(12),
  /** Offer "edit" on the summary (a button per question). */
  editable: z.boolean().default(false),
  /** Fields set by the button that opened the form (postback `&kind=ask`), never typed. */
  presets: z.array(z.string().regex(/^[a-z][A-Za-z0-9]*$/)).default([]),
})

export const faqSchema = z.strictObject({
  measure: id,
  keywords,
  answer: bilingualSchema(2000),
  /** The guide to offer after the answer. */
  guide: id.optional(),
  /**
   * Questions as staff type them ("รับกระเช้าปีใหม่ได้ไหม"), for free-text understanding
   * (src/conversation/): unlike keywords they are never commands on their own in a group.
   */
  questions: z.array(str(300)).max(50).optional(),
  /** The answer's name on a button that offers it when the bot is unsure (≤ 20 characters). */
  label: label.optional(),
})

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'a month-day like "12-25"')
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like "2027-02-06" (Christian era)')

export const calendarEntrySchema = z
  .strictObject({
    id,
    name: bilingualSchema(120),
    /** Every year on this month-day… */
    every: monthDay.optional(),
    /** …or on these dates (festivals that move, such as Chinese New Year). */
    dates: z.array(isoDate).min(1).optional(),
    /** Send the reminder this many days before. */
    daysBefore: z.int().min(0).max(60).default(7),
    time: z
      .string()
      .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time like "09:00"')
      .default('09:00'),
    message: z.string().min(1),
  })
  .refine((e) => (e.every === undefined) !== (e.dates === undefined), {
    message: 'give either "every" (month-day) or "dates", not both',
  })

export const dialogueSections = {
  measures: z.array(measureSchema).optional(),
  /** The ITA item catalogue of both forms (flows/ita-items.yaml). */
  itaItems: itaItemsSchema.optional(),
  guides: z.record(id, guideSchema).optional(),
  quizzes: z.record(id, quizSchema).optional(),
  forms: z.record(id, formSchema).optional(),
  faqs: z.record(id, faqSchema).optional(),
  calendar: z.array(calendarEntrySchema).optional(),
}

export type { MeasureDef }
export type GuideDef = z.infer<typeof guideSchema>
export type QuizDef = z.infer<typeof quizSchema>
export type FormDef = z.infer<typeof formSchema>
export type FormField = FormDef['fields'][number]
export type FaqDef = z.infer<typeof faqSchema>
export type CalendarEntry = z.infer<typeof calendarEntrySchema>
