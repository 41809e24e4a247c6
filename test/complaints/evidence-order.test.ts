import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addDraftFile, sealFile, sealFiles } from '../../src/complaints/drafts.js'
import { drawReceipt, enterFilings, submitComplaint, submitReply } from '../../src/complaints/filings.js'
import { listEvidenceMeta } from '../../src/complaints/officers/repository.js'
import { findCaseByCode } from '../../src/complaints/repository.js'
import { systemRandom } from '../../src/core/receipt.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'

// Officers quote evidence by its number ("หลักฐาน-2"): the number must be the order the
// complainant sent it in, through the draft, the filing and the shuffled entry, and stay put
// when more comes later.
const file = (mime: string) => ({ kind: 'file' as const, mime, bytes: new TextEncoder().encode(mime) })

describe.each(DB_KINDS)('evidence keeps the order it was sent in (%s)', (kind) => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp(kind)
  })
  afterEach(() => t.close())

  it('draft files, then a reply’s files, numbered 1, 2, 3… whatever their random ids', async () => {
    const { db, keyring } = t.deps
    const now = t.clock.now()
    const draft = { orgId: 'default', draftKey: 'draft-key', expiresAt: new Date(now.getTime() + 3_600_000) }
    for (const [i, mime] of ['image/jpeg', 'application/pdf', 'image/png'].entries())
      await addDraftFile(db, keyring, { ...draft, messageId: `m-${i}` }, await sealFile(keyring, file(mime)))
    const when = { now, timeZone: 'Asia/Bangkok', random: systemRandom }
    const receipt = await submitComplaint(
      db,
      keyring,
      {
        orgId: 'default',
        channel: 'line',
        category: 'other',
        content: { what: 'x' },
        identity: null,
        notifyTo: null,
        draftKey: 'draft-key',
        files: await sealFiles(keyring, [file('video/mp4')]),
      },
      { ...when, receipt: await drawReceipt(keyring, systemRandom) },
    )
    const deadlines = { ackDays: 7, feedbackDays: 90, random: systemRandom }
    await enterFilings(db, keyring, deadlines)
    const c = await findCaseByCode(db, 'default', receipt.code)
    const caseId = c?.id ?? ''
    await submitReply(
      db,
      keyring,
      {
        orgId: 'default',
        caseId,
        text: '',
        draftKey: null,
        files: await sealFiles(keyring, [file('audio/mp4'), file('text/plain')]),
      },
      when,
    )
    await enterFilings(db, keyring, deadlines)
    const listed = await listEvidenceMeta(db, caseId)
    expect(listed.map((e) => e.mime)).toEqual([
      'image/jpeg',
      'application/pdf',
      'image/png',
      'video/mp4',
      'audio/mp4',
      'text/plain',
    ])
    const positions = await db
      .selectFrom('complaint_evidence')
      .select('position')
      .where('case_id', '=', caseId)
      .orderBy('position')
      .execute()
    expect(positions.map((p) => p.position)).toEqual([1, 2, 3, 4, 5, 6])
  })
})

describe.each(DB_KINDS)('a filing never gets a code a case already has (%s)', (kind) => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp(kind)
  })
  afterEach(() => t.close())

  it('draws the code again at filing, so the entry never has to hold it back', async () => {
    const { db, keyring } = t.deps
    // The first two draws of six letters are the same ('AAAAAA'), the third differs.
    let call = 0
    const scripted = (n: number) => (n === 6 && call++ < 2 ? new Uint8Array(6) : systemRandom(n))
    const when = { now: t.clock.now(), timeZone: 'Asia/Bangkok', random: scripted }
    const complaint = {
      orgId: 'default',
      channel: 'web' as const,
      category: 'other',
      content: { what: 'x' },
      identity: null,
      notifyTo: null,
      draftKey: null,
      files: [],
    }
    const first = await submitComplaint(db, keyring, complaint, {
      ...when,
      receipt: await drawReceipt(keyring, systemRandom),
    })
    expect(first.code).toBe('C-2569-AAAAAA')
    expect(await enterFilings(db, keyring, { ackDays: 7, feedbackDays: 90, random: systemRandom })).toEqual({
      entered: 1,
      held: 0,
    })
    const second = await submitComplaint(db, keyring, complaint, {
      ...when,
      receipt: await drawReceipt(keyring, systemRandom),
    })
    expect(second.code).not.toBe('C-2569-AAAAAA')
    expect(await enterFilings(db, keyring, { ackDays: 7, feedbackDays: 90, random: systemRandom })).toEqual({
      entered: 1,
      held: 0,
    })
  })
})
