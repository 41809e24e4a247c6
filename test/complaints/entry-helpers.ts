import { drawReceipt, submitComplaint } from '../../src/complaints/filings.js'
import type { NewComplaint } from '../../src/complaints/service.js'
import { type Random, systemRandom } from '../../src/core/receipt.js'
import type { TestApp } from '../helpers/app.js'

// What the entry tests share: the entry's dependencies, local times, filings, row counts.

/** The entry time the tests configure: not the default, so the default is not what passes. */
export const ENTRY_TIME = '02:00'

/** A Bangkok wall-clock time ('2026-11-23T02:00') as an instant. */
export const bangkok = (local: string) => new Date(`${local}:00+07:00`)

export const entryDeps = (t: TestApp, random?: Random) => ({
  db: t.deps.db,
  keyring: t.deps.keyring,
  log: t.deps.log,
  config: t.deps.config,
  ...(random ? { random } : {}),
})

/** The same bytes every time: the same receipt code (and secret) for every filing. */
export const sameRandom: Random = (n) => new Uint8Array(n).fill(1)

export async function submit(
  t: TestApp,
  now: Date,
  c: Partial<NewComplaint> & { random?: Random } = {},
): Promise<{ code: string; secret: string }> {
  const { random, ...complaint } = c
  return submitComplaint(
    t.deps.db,
    t.deps.keyring,
    {
      orgId: 'default',
      channel: 'line',
      category: 'bribery',
      content: { what: 'เรียกรับเงิน' },
      identity: null,
      notifyTo: null,
      ...complaint,
      draftKey: null,
      files: [],
    },
    {
      now,
      timeZone: 'Asia/Bangkok',
      random: random ?? systemRandom,
      receipt: await drawReceipt(t.deps.keyring, random ?? systemRandom),
    },
  )
}

type Counted =
  | 'complaint_filings'
  | 'complaint_filing_files'
  | 'complaint_draft_files'
  | 'complaint_cases'
  | 'complaint_messages'
  | 'complaint_evidence'
  | 'complaint_status_log'
  | 'complaint_entries'

export async function rows(t: TestApp, table: Counted): Promise<number> {
  const r = await t.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}
