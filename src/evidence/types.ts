import type { Cell } from '../complaints/suppression.js'
import type { LineStats } from '../insights/service.js'

// The evidence report of one organization's fiscal year: what each measure did, whom it
// reached and what came back, per measure and per ITA item. The service (report.ts) builds it
// from the engagement log's rollups; pages, CSV, XLSX and the public page only lay it out.

export interface Text {
  th: string
  en: string
}

/** Which assessment form a fiscal year is scored on: FY2566–67 (I/E/O) or FY2568 onward (i/e/o). */
export type ItaForm = '2566' | '2568'

export interface ItaItemRef {
  /** 'I7', 'o25', … */
  code: string
  /** The item's Thai text from the form (with a short English gloss). */
  text: Text
}

/** A broadcast of the measure in the year: what was done, with dates and audiences. */
export interface BroadcastDone {
  broadcastId: string
  title: string
  /** Audience label as the console shows it ("ทุกกอง", "กองคลัง", "ผู้ติดตามทั้งหมด"). */
  audience: string
  /** Every run that sent in the year (a monthly broadcast has up to twelve). */
  sentAt: Date[]
  recipients: number
  delivered: number
  failed: number
  /**
   * LINE's own count of people who saw and tapped it (insights), where the account allows and
   * the job has fetched it; null figures are LINE's "fewer than 20". Absent when LINE has none.
   */
  line?: { uniqueImpression: number | null; uniqueClick: number | null }
}

/** Reach and acknowledgment of one unit (the label admins gave the groups). */
export interface UnitReach {
  /** The unit's label; groups without one come under "ไม่ระบุหน่วยงาน / Unlabelled". */
  unit: string
  groups: number
  delivered: number
  acknowledgments: number
  /** Acknowledging people ÷ members of the unit's groups reached; null when unknown. */
  ackRate: number | null
}

/** One month of a fiscal year, 'YYYY-MM' (Gregorian, in the report's time zone), October first. */
export interface MonthReach {
  month: string
  delivered: number
  /** People seen for the first time in the year this month (the curve's step); groups are not people. */
  newlyReached: number
  acknowledgments: number
}

export interface Reach {
  groups: number
  /** Distinct people (pseudonymous keys) who received in 1:1, opened or acted on the measure. */
  people: number
  deliveries: number
  acknowledgments: number
  /**
   * Acknowledging people ÷ members of the groups reached plus 1:1 recipients (plus followers
   * when a broadcast went to all of them), a fraction 0–1; null if no one is known to be reached.
   */
  ackRate: number | null
  /** Members of the groups reached, as LINE last counted them; null when no count is known. */
  membersReached?: number | null
  byUnit: UnitReach[]
  byMonth: MonthReach[]
}

/**
 * Something that came back from staff: questions, pledges, quiz answers, gift reports,
 * complaint statistics. Complaint figures are Cells (under 5 shown as "<5"); others are counts.
 */
export interface Returned {
  /** Stable key: 'question.asked', 'pledge', 'quiz.answered', 'gift.reported', 'complaint.filed', … */
  kind: string
  label: Text
  count: Cell
  /** Distinct people, where it means something and is not a complaint figure. */
  people: number | null
  /** Extra figure where one exists, e.g. mean quiz score as a percentage. */
  detail: { label: Text; value: string } | null
}

/** A target from flows/ (measures[].targets) against what the year shows. */
export interface TargetResult {
  metric: string
  label: Text
  target: number
  actual: number | null
  /** null when the year is not over and the target is not yet met. */
  met: boolean | null
}

export interface MeasureReport {
  id: string
  name: Text
  unit: string
  /** The measure's period as flows/ states it ("ต.ค. 2568 – ก.ย. 2569" when it says the fiscal year). */
  period: string
  activities: Text[]
  /** The items of this year's form the measure answers. */
  items: ItaItemRef[]
  /**
   * When the measure lists no item of this year's form, all its items (a warning, never a 500).
   * Items of the other form beside some of this form's are expected and not listed.
   */
  itemsOutsideForm: string[]
  broadcasts: BroadcastDone[]
  reach: Reach
  returned: Returned[]
  targets: TargetResult[]
  /** One line in Thai for the "ผลการดำเนินงาน" column, built from the figures above. */
  summary: Text
}

export interface EvidenceReport {
  orgId: string
  orgName: string
  /** Buddhist era: 2569 is 1 Oct 2025 – 30 Sep 2026. */
  fiscalYear: number
  form: ItaForm
  /** First and last day of the year ('YYYY-MM-DD'), and the day the figures run to (today if sooner). */
  from: string
  to: string
  upTo: string
  generatedAt: Date
  /** The zone the days above and the broadcast dates are read in (config.timeZone). */
  timeZone: string
  measures: MeasureReport[]
  /** True when the log has nothing at all for the year: pages say so instead of a table of zeros. */
  empty: boolean
  /** LINE's own statistics of the year beside ours (src/insights): days, broadcasts, refusals. */
  lineStats?: LineStats
}

/** The same year laid out per ITA item: which measures answer it. */
export interface ItemRow {
  item: ItaItemRef
  measures: { id: string; name: Text; summary: Text }[]
}

/** Expected outcomes of asking for a report: values, not exceptions. */
export type ReportRequest =
  | { kind: 'ok'; report: EvidenceReport }
  | { kind: 'invalid_year'; message: Text }
  | { kind: 'range_too_long'; message: Text }
