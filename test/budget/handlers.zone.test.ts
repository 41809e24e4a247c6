import { afterEach, describe, expect, it } from 'vitest'
import { importBudgetFile } from '../../src/budget/import.js'
import { storeUpload } from '../../src/budget/service.js'
import type { LineMessage } from '../../src/line/port.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { envelope, fromUser, signedRequest, textEvent } from '../helpers/line-events.js'
import { fixture, seedBudget } from './helpers.js'

// The budget handler asks for the fiscal year in the configured zone (TZ_DEFAULT), not a zone
// of its own: at 20:00 UTC on 30 Sep 2025 Bangkok is already in FY2569 (1 Oct, 03:00), London
// is still in FY2568 (30 Sep, 21:00). Both years have an upload; the card names the one shown.
const EVE_OF_FY2569 = new Date('2025-09-30T20:00:00Z')

/** The same figures stored as FY2568's upload, as the console would for last year's file. */
async function seedLastYear(t: TestApp) {
  const bytes = fixture('budget-2569.csv')
  const r = await importBudgetFile(bytes, 'budget-2568.csv', {
    maxBytes: 5 * 1024 * 1024,
    fiscalYear: 2569,
    latestFiscalYear: 2571,
  })
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  const upload = { fileName: 'budget-2568.csv', fileType: r.fileType, bytes, rows: r.rows }
  const uploader = { id: 'seed', email: 'seed@agency.go.th' }
  const u = {
    ...upload,
    orgId: 'default',
    uploader,
    fiscalYear: 2568,
    asOf: '2025-03-31',
    now: t.clock.now(),
  }
  await t.deps.db.transaction().execute((trx) => storeUpload(trx, u))
}

describe('"งบประมาณ" reads the fiscal year on the configured clock', () => {
  let t: TestApp | undefined
  afterEach(() => t?.close())

  const ask = async (tz: string): Promise<{ t: TestApp; messages: LineMessage[] }> => {
    const line = new MemoryLine()
    const app = await createTestApp('pglite', { line, now: EVE_OF_FY2569, env: { TZ_DEFAULT: tz } })
    t = app
    await seedBudget(app, fixture('budget-2569.csv'))
    await seedLastYear(app)
    const res = await app.app.request(
      await signedRequest(envelope([textEvent('งบประมาณ', fromUser(), app.clock.now().getTime())])),
    )
    expect(res.status).toBe(200)
    await app.settle()
    const call = line.calls[0]
    return { t: app, messages: call && 'messages' in call ? call.messages : [] }
  }

  const yearOf = (messages: LineMessage[]) => {
    const m = messages[0]
    return m?.type === 'flex' ? /ปีงบประมาณ (\d{4})/.exec(m.altText)?.[1] : undefined
  }

  it('Asia/Bangkok: already FY2569', async () => {
    expect(yearOf((await ask('Asia/Bangkok')).messages)).toBe('2569')
  })

  it('Europe/London: still FY2568', async () => {
    expect(yearOf((await ask('Europe/London')).messages)).toBe('2568')
  })
})
