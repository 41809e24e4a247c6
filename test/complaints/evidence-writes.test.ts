import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { button, chatAs, textOf } from '../helpers/chat.js'
import { DB_KINDS } from '../helpers/db.js'
import { phoneJpeg } from './evidence/fixtures/images.js'
import { holdQueue as hold } from './hold-queue.js'
import { walkToEvidence, walkToReplySubmit } from './line-intake.js'
import { countRows, followFiledReport, gpsJpeg, REPORT, WebClient } from './web/helpers.js'

// Every write of evidence bytes waits in one queue (AppDeps['evidenceWrites']): a webhook's
// commit then waits behind at most one report's photos in the database's log, not every
// report's at once (README, bench:evidence section 2). Each test holds the queue with a piece
// of its own and shows the write waiting in it: nothing stored until the queue moves on. The
// sealing and the secret's hash come before the turn (complaints/filings.ts).

describe.each(DB_KINDS)('evidence writes wait their turn (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  // Undone after each test, first: queues held, keyring functions replaced.
  const restore: (() => void)[] = []
  afterEach(async () => {
    for (const r of restore.splice(0)) r()
    await t.close()
  })

  const holdQueue = () => hold(t.deps.evidenceWrites, restore)

  /** Counts the cleaned JPEGs the keyring seals from now on (other seals, the form's own, not). */
  function countSealedJpegs(): () => number {
    const { keyring } = t.deps
    const seal = keyring.seal.bind(keyring)
    let count = 0
    keyring.seal = async (plain) => {
      if (plain[0] === 0xff && plain[1] === 0xd8) count++
      return seal(plain)
    }
    restore.push(() => {
      keyring.seal = seal
    })
    return () => count
  }

  it('two web reports with photos wait for the queue, then are filed one after the other', async () => {
    const a = new WebClient(t)
    const b = new WebClient(t)
    await a.get('/report')
    await b.get('/report')
    const q = holdQueue()
    const photo = [{ name: 'a.jpg', bytes: gpsJpeg(), type: 'image/jpeg' }]
    const posts = [a.post('/report', { ...REPORT }, photo), b.post('/report', { ...REPORT }, photo)]
    await q.waiting(3)
    expect(await countRows(t, 'complaint_filings')).toBe(0)
    expect(await countRows(t, 'complaint_filing_files')).toBe(0)
    await q.release()
    expect((await Promise.all(posts)).map((r) => r.status)).toEqual([200, 200])
    expect(await countRows(t, 'complaint_filings')).toBe(2)
    expect(await countRows(t, 'complaint_filing_files')).toBe(2)
    expect(t.deps.evidenceWrites.pending).toBe(0)
  })

  it('the photos are sealed and the secret hashed before the report takes its turn', async () => {
    const { secrets } = t.deps.keyring
    const hash = secrets.hash.bind(secrets)
    let hashed = 0
    secrets.hash = async (secret) => {
      hashed++
      return hash(secret)
    }
    restore.push(() => {
      secrets.hash = hash
    })
    const photosSealed = countSealedJpegs()
    const web = new WebClient(t)
    await web.get('/report')
    const q = holdQueue()
    const posted = web.post('/report', { ...REPORT }, [
      { name: 'a.jpg', bytes: gpsJpeg(), type: 'image/jpeg' },
    ])
    await q.waiting(2)
    // Waiting for its turn, the photo sealed and the secret hashed; the filing itself (one small
    // seal) is sealed in the transaction.
    expect({ photosSealed: photosSealed(), hashed }).toEqual({ photosSealed: 1, hashed: 1 })
    expect(await countRows(t, 'complaint_filings')).toBe(0)
    await q.release()
    expect((await posted).status).toBe(200)
    expect(await countRows(t, 'complaint_filing_files')).toBe(1)
  })

  it('a web report with text only does not wait behind photos', async () => {
    const web = new WebClient(t)
    await web.get('/report')
    const q = holdQueue()
    expect((await web.post('/report', { ...REPORT })).status).toBe(200)
    expect(await countRows(t, 'complaint_filings')).toBe(1)
    await q.release()
  })

  it('a photo sent in LINE, the filing that copies it and a reply in LINE each wait for the queue', async () => {
    const chat = chatAs(t, line)
    let step = await walkToEvidence(chat)
    line.contents.set('m-photo', { kind: 'ok', contentType: 'image/jpeg', bytes: phoneJpeg() })

    let q = holdQueue()
    const photosSealed = countSealedJpegs()
    const attached = chat.attach({ type: 'image', id: 'm-photo' })
    await q.waiting(2)
    expect(await countRows(t, 'complaint_draft_files')).toBe(0)
    expect(photosSealed()).toBe(1) // sealed before its turn
    await q.release()
    step = await attached
    expect(textOf(step)).toMatch(/ได้รับแล้ว 1/)
    expect(await countRows(t, 'complaint_draft_files')).toBe(1)

    step = await chat.tap(button(step, /เสร็จ/))
    step = await chat.tap(button(step, /ไม่ระบุชื่อ/))
    step = await chat.tap(button(step, /ไม่ต้องแจ้ง/))
    q = holdQueue()
    const sent = chat.tap(button(step, /^ส่ง$/))
    await q.waiting(2)
    expect(await countRows(t, 'complaint_filings')).toBe(0)
    await q.release()
    const done = textOf(await sent)
    expect(await countRows(t, 'complaint_filings')).toBe(1)
    expect(await countRows(t, 'complaint_filing_files')).toBe(1)
    expect(await countRows(t, 'complaint_draft_files')).toBe(0)

    // The complainant's reply in LINE copies its draft's files too.
    step = await walkToReplySubmit(t, chat, done)
    q = holdQueue()
    const replied = chat.tap(button(step, /^ส่ง$/))
    await q.waiting(2)
    expect(await countRows(t, 'complaint_filings')).toBe(0)
    await q.release()
    expect(textOf(await replied)).toMatch(/ส่งถึงเจ้าหน้าที่แล้ว/)
    expect(await countRows(t, 'complaint_filings')).toBe(1)
  })

  it('a complainant’s web reply with a file waits for the queue', async () => {
    const follower = await followFiledReport(t)

    const q = holdQueue()
    const replied = follower.post('/report/follow/reply', { message: 'เพิ่มเติม' }, [
      { name: 'scan.jpg', bytes: gpsJpeg(), type: 'image/jpeg' },
    ])
    await q.waiting(2)
    expect(await countRows(t, 'complaint_filings')).toBe(0)
    await q.release()
    expect((await replied).status).toBe(200)
    expect(await countRows(t, 'complaint_filings')).toBe(1)
    expect(await countRows(t, 'complaint_filing_files')).toBe(1)
  })
})
