import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LineMessage } from '../../src/line/port.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { shippedFlows } from '../helpers/flows.js'
import {
  envelope,
  fromGroup,
  fromUser,
  postbackEvent,
  signedRequest,
  textEvent,
} from '../helpers/line-events.js'

// Free text through the webhook: the answer is the one thing asked, the unsure case offers the
// best few, groups stay as quiet as before, and complaint sentences are offered, never filed.
const flows = shippedFlows()
type Item = { action?: { type?: string; label?: string; text?: string; data?: string } }
const items = (m: LineMessage | undefined): Item[] =>
  ((m as { quickReply?: { items?: Item[] } } | undefined)?.quickReply?.items ?? []) as Item[]
const textOf = (m: LineMessage | undefined) => (m?.type === 'text' ? m.text : '')

function mentioning(text: string, source: ReturnType<typeof fromGroup>, timestamp: number) {
  const ev = textEvent(`@บอท ${text}`, source, timestamp)
  return {
    ...ev,
    message: { ...ev.message, mention: { mentionees: [{ index: 0, length: 4, isSelf: true }] } },
  }
}

// The behaviour is the dispatcher's, not the database's: one kind of database is enough.
describe('free text understood through the webhook', () => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp('pglite', { line })
  })
  afterEach(() => t.close())

  const now = () => t.clock.now().getTime()
  const post = async (events: unknown[]) => {
    const res = await t.app.request(await signedRequest(envelope(events)))
    expect(res.status).toBe(200)
    await t.settle()
  }
  const sent = (): LineMessage[] => {
    expect(line.calls).toHaveLength(1)
    const call = line.calls[0]
    return call && 'messages' in call ? call.messages : []
  }

  it('answers a specific question with the one FAQ answer, the whole guide a tap away', async () => {
    await post([textEvent('โน้ตบุ๊กที่ยืมมาชำรุดค่ะ', fromUser(), now())])
    const [answer] = sent()
    expect(textOf(answer)).toMatch(/^แจ้งงานพัสดุทันที/)
    expect(items(answer).map((i) => i.action?.data)).toEqual(['action=guide&id=assets.it'])
  })

  it('answers with one step of a guide, and the same step from its button', async () => {
    await post([textEvent('ซื่อสัตย์สุจริตคืออะไร', fromUser(), now())])
    const [step] = sent()
    expect(textOf(step)).toMatch(/^มาตรฐานทางจริยธรรม 7 ประการ \(2\/7\)\nซื่อสัตย์สุจริต\n/)
    expect(items(step)[0]?.action).toMatchObject({ type: 'postback', data: 'action=guide&id=ethics' })
    line.calls.length = 0
    await post([postbackEvent('action=step&id=ethics&i=1', fromUser(), now() + 1)])
    expect(sent()).toEqual([step])
    const views = await t.testDb.db
      .selectFrom('engagement_events')
      .select(['kind', 'ref_id'])
      .where('kind', '=', 'guide.viewed')
      .execute()
    expect(views).toEqual([
      { kind: 'guide.viewed', ref_id: 'ethics' },
      { kind: 'guide.viewed', ref_id: 'ethics' },
    ])
  })

  it('when unsure, offers the best few topics first, then the menu, within LINE limits', async () => {
    await post([textEvent('ยืมรถหรือรับของขวัญ', fromUser(), now())])
    const [ask] = sent()
    expect(ask).toMatchObject({ type: 'text', text: textOf(flows.render('understand.clarify')[0]) })
    const offered = items(ask)
    expect(offered.length).toBeLessThanOrEqual(13)
    expect(offered.slice(0, 3).map((i) => i.action?.data ?? i.action?.text)).toEqual(
      expect.arrayContaining(['action=guide&id=assets.vehicle', 'นโยบายไม่รับของขวัญ']),
    )
    for (const i of offered) expect((i.action?.label ?? '').length).toBeLessThanOrEqual(20)
  })

  it('in a group, a question is left alone unless the bot is mentioned', async () => {
    await post([textEvent('รับกระเช้าปีใหม่ได้ไหม', fromGroup(), now())])
    expect(line.calls).toHaveLength(0)
    await post([mentioning('รับกระเช้าปีใหม่ได้ไหม', fromGroup(), now() + 1)])
    expect(textOf(sent()[0])).toMatch(/^ช่วงเทศกาล/)
  })

  it('a complaint sentence is offered the form in 1:1, and the 1:1 pointer in a group', async () => {
    await post([textEvent('หัวหน้าเรียกเงินจากลูกน้อง', fromUser(), now())])
    expect(sent()).toEqual(flows.render('complaint.offer', {}, { chat: 'user' }))
    line.calls.length = 0
    await post([mentioning('หัวหน้าเรียกเงินจากลูกน้อง', fromGroup(), now() + 1)])
    expect(sent()).toEqual(flows.render('group.pointer', {}, { chat: 'group' }))
    // Nothing next to the group says what was asked.
    const outcomes = await t.testDb.db.selectFrom('webhook_inbox').select('outcome').execute()
    expect(outcomes.map((o) => o.outcome)).toEqual(['fallback'])
  })

  it('in 1:1 a question with a complaint word is answered when it asks something else', async () => {
    await post([textEvent('ผลประโยชน์ทับซ้อนคืออะไร', fromUser(), now())])
    expect(textOf(sent()[0])).toMatch(/^ผลประโยชน์ทับซ้อน คือ/)
    line.calls.length = 0
    // A case already filed: its follow-up asks for the code and the secret, no new complaint.
    await post([textEvent('เรื่องที่ร้องเรียนไว้ถึงไหนแล้วคะ', fromUser(), now() + 1)])
    expect(sent().map(textOf).join('\n')).toMatch(/รหัสลับ/)
    expect(sent()).not.toEqual(flows.render('complaint.offer', {}, { chat: 'user' }))
  })
})
