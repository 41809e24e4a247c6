import { z } from 'zod'
import { fiscalYearOf, localDay } from '../core/time/index.js'
import { FIRST_FISCAL_YEAR } from './calendar.js'
import type { UploadFields } from './pages-upload.js'

// The upload form's fields (besides the file), read with zod. Pure.

type Body = Record<string, string | File | (string | File)[]>

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const realDay = (s: string) => {
  const m = ISO_DAY.exec(s)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === s
}

const fieldsSchema = (latestYear: number, today: string) =>
  z.object({
    fiscalYear: z.coerce.number().int().min(FIRST_FISCAL_YEAR).max(latestYear),
    // "As of" a day that has not happened yet is a typo.
    asOf: z
      .string()
      .refine(realDay, 'not a date')
      .refine((d) => d <= today, 'in the future'),
    audience: z.enum(['groups', 'labels', 'none']),
    // Sorted and distinct, as the compose form keeps them: the same set is the same saved audience.
    labels: z
      .array(z.string().trim().min(1).max(50))
      .max(10)
      .transform((ls) => [...new Set(ls)].sort()),
    day: z.coerce.number().int().min(1).max(28),
  })

const strings = (v: Body[string] | undefined): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string')

/** Defaults for a fresh form: this fiscal year, today, every group, the 1st of the month. */
export function defaultFields(now: Date, tz: string): UploadFields {
  return {
    fiscalYear: fiscalYearOf(now, tz),
    asOf: localDay(now, tz),
    audience: 'groups',
    labels: [],
    day: 1,
  }
}

/** The fiscal years the form offers: last year's, this year's and next year's. */
export const yearsOffered = (now: Date, tz: string) => {
  const fy = fiscalYearOf(now, tz)
  return [fy - 1, fy, fy + 1]
}

export type ReadFields = { ok: true; fields: UploadFields } | { ok: false; fields: UploadFields }

/** The form's fields; on a bad value, the defaults with what was readable, for the form again. */
export function readUploadFields(body: Body, now: Date, tz: string): ReadFields {
  const one = (n: string) => strings(body[n])[0] ?? ''
  const raw = {
    fiscalYear: one('fiscalYear'),
    asOf: one('asOf'),
    audience: one('audience') || 'groups',
    labels: strings(body.labels),
    day: one('day') || '1',
  }
  const parsed = fieldsSchema(fiscalYearOf(now, tz) + 1, localDay(now, tz)).safeParse(raw)
  if (parsed.success) return { ok: true, fields: parsed.data }
  const d = defaultFields(now, tz)
  return {
    ok: false,
    fields: { ...d, asOf: realDay(raw.asOf) ? raw.asOf : d.asOf, labels: raw.labels.slice(0, 10) },
  }
}

/** The uploaded file, when the form carried exactly one. */
export function uploadedFile(body: Body): File | null {
  const f = body.file
  return f instanceof File ? f : null
}
