import { z } from 'zod'

/**
 * Measures (มาตรการ) and the ITA item catalogue they point into. Items are checked against the
 * catalogue (flows/ita-items.yaml) by the loader, not by a pattern: a code that looks right but
 * is not in either form (I31, o29) is a typo an agency should hear about at start.
 */

const str = (max: number) => z.string().trim().min(1).max(max)
const bilingual = (max: number) =>
  z.union([str(max), z.strictObject({ th: str(max), en: str(max).optional() })])
const ID = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/
const id = z.string().regex(ID, 'use lowercase letters, digits, -, _ and dots, e.g. "assets.vehicle"')

/** The two forms of the assessment, named by their first fiscal year. */
export const ITA_FORMS = ['2566', '2568'] as const
export type ItaFormId = (typeof ITA_FORMS)[number]

/**
 * What a target can be set on: each is computed by the evidence report (src/evidence/metrics.ts).
 * Rates and scores are percentages.
 */
export const TARGET_METRICS = [
  'broadcasts',
  'deliveries',
  'groups_reached',
  'people_reached',
  'acknowledgments',
  'ack_rate',
  'pledges',
  'views',
  'quiz_answers',
  'quiz_mean_score',
  'questions',
  'gift_reports',
] as const
export type TargetMetric = (typeof TARGET_METRICS)[number]
export const PERCENT_METRICS: ReadonlySet<TargetMetric> = new Set(['ack_rate', 'quiz_mean_score'])

const targetSchema = z
  .strictObject({
    metric: z.enum(TARGET_METRICS),
    target: z.number().min(0),
    /** What the target means in the agency's words; a default per metric when absent. */
    label: bilingual(200).optional(),
  })
  .refine((t) => !PERCENT_METRICS.has(t.metric) || t.target <= 100, {
    message: 'a rate or score is a percentage: at most 100',
    path: ['target'],
  })

const month = z.string().regex(/^(0[1-9]|1[0-2])$/, 'a month number like "10" (October)')

/** The months of the fiscal year the measure runs; the whole year (October to September) by default. */
const periodSchema = z.union([
  z.literal('fiscal-year'),
  z.strictObject({ from: month, to: month }).refine((p) => fiscalOrder(p.from) <= fiscalOrder(p.to), {
    message: 'months run October → September: "from" must not come after "to"',
  }),
])

/** October is the first month of a fiscal year. */
export const fiscalOrder = (mm: string) => (Number(mm) + 2) % 12

export const measureSchema = z.strictObject({
  id,
  name: bilingual(200),
  items: z.array(z.string().max(10)).min(1),
  unit: str(200).optional(),
  activities: z.array(bilingual(300)).optional(),
  period: periodSchema.default('fiscal-year'),
  targets: z.array(targetSchema).default([]),
})

const itemCode = z.string().regex(/^[IEOieo][1-9][0-9]?$/, 'an item code like "I7" or "o25"')

export const itaItemSchema = z.strictObject({
  th: str(600),
  en: str(300),
  /** The sources give only the topic of the item's group, not the official wording. */
  topic: z.boolean().default(false),
})

export const itaItemsSchema = z.strictObject({
  '2566': z.record(itemCode, itaItemSchema).optional(),
  '2568': z.record(itemCode, itaItemSchema).optional(),
})

export type MeasureDef = z.infer<typeof measureSchema>
export type TargetDef = MeasureDef['targets'][number]
export type MeasurePeriod = MeasureDef['period']
export type ItaItemDef = z.infer<typeof itaItemSchema>
