import { describe, expect, test } from 'vitest'
import { LineLimitError } from '../../src/line/limits.js'
import { createSimulator, SimulatorError } from '../../src/simulator/simulator.js'
import { captureSim, SIM_SECRET } from './helpers.js'

const text = (t: string) => ({ type: 'text' as const, text: t })
const botEntries = (sim: ReturnType<typeof captureSim>['sim'], chatId: string) =>
  sim.transcript.since(chatId).filter((e) => e.kind === 'bot')

describe('simulator LinePort refuses what LINE refuses', () => {
  test('a reply token is single use', async () => {
    const { sim, lastEvent } = captureSim()
    const chat = await sim.openUserChat('ก')
    const token = String(lastEvent().replyToken)
    expect((await sim.line.reply(token, [text('หนึ่ง')])).kind).toBe('accepted')
    expect(await sim.line.reply(token, [text('สอง')])).toEqual({
      kind: 'rejected',
      status: 400,
      detail: 'Invalid reply token',
    })
    expect(botEntries(sim, chat.id)).toHaveLength(1)
  })

  test('unknown and expired reply tokens are rejected with 400', async () => {
    const { sim, clock, lastEvent } = captureSim()
    await sim.openUserChat('ก')
    expect(await sim.line.reply('f'.repeat(32), [text('x')])).toMatchObject({ kind: 'rejected', status: 400 })
    const token = String(lastEvent().replyToken)
    clock.advance(61_000)
    expect(await sim.line.reply(token, [text('ช้าไป')])).toMatchObject({ kind: 'rejected', status: 400 })
  })

  test('a reused retry key is an accepted duplicate, shown once', async () => {
    const { sim } = captureSim()
    const chat = await sim.openUserChat('ก')
    const retryKey = crypto.randomUUID()
    const first = await sim.line.push(chat.id, [text('แจ้งเตือน')], { retryKey })
    const again = await sim.line.push(chat.id, [text('แจ้งเตือน')], { retryKey })
    expect(first).toMatchObject({ kind: 'accepted', duplicate: false })
    expect(again).toEqual({
      kind: 'accepted',
      duplicate: true,
      requestId: first.kind === 'accepted' ? first.requestId : '',
    })
    expect(botEntries(sim, chat.id)).toHaveLength(1)
    expect(await sim.line.getQuota()).toMatchObject({ used: 1 })
    expect(await sim.line.push(chat.id, [text('x')], { retryKey: 'not-a-uuid' })).toMatchObject({
      kind: 'rejected',
      status: 400,
    })
  })

  test('limits: the same LineLimitError as the real adapter, and a visible note in the chat', async () => {
    const { sim, lastEvent } = captureSim()
    const chat = await sim.openUserChat('ก')
    const six = Array.from({ length: 6 }, (_, i) => text(`ข้อ ${i}`))
    await expect(sim.line.reply(String(lastEvent().replyToken), six)).rejects.toBeInstanceOf(LineLimitError)
    await expect(
      sim.line.push(chat.id, [text('ก'.repeat(5001))], { retryKey: crypto.randomUUID() }),
    ).rejects.toThrow(/over 5000/)
    await expect(sim.line.broadcast([], { retryKey: crypto.randomUUID() })).rejects.toBeInstanceOf(
      LineLimitError,
    )
    const ids = Array.from({ length: 501 }, () => chat.id)
    await expect(
      sim.line.multicast(ids, [text('x')], { retryKey: crypto.randomUUID() }),
    ).rejects.toBeInstanceOf(LineLimitError)
    expect(botEntries(sim, chat.id)).toHaveLength(0)
    const notes = sim.transcript.since(chat.id).filter((e) => e.kind === 'system' && e.level === 'error')
    expect(notes.length).toBeGreaterThanOrEqual(2)
  })

  test('unknown recipients, groups without the bot, groups in multicast, bad loading calls', async () => {
    const { sim } = captureSim()
    const user = await sim.openUserChat('ก')
    const group = await sim.createGroup('ไม่มีบอต', ['ก'])
    const key = () => ({ retryKey: crypto.randomUUID() })
    expect(await sim.line.push(`U${'0'.repeat(32)}`, [text('x')], key())).toMatchObject({
      kind: 'rejected',
      status: 400,
    })
    expect(await sim.line.push(group.id, [text('x')], key())).toMatchObject({ kind: 'rejected', status: 400 })
    expect(await sim.line.multicast([user.id, group.id], [text('x')], key())).toMatchObject({
      kind: 'rejected',
    })
    expect(await sim.line.showLoading(group.id, 5)).toMatchObject({ kind: 'rejected' })
    expect(await sim.line.showLoading(user.id, 3)).toMatchObject({ kind: 'rejected' })
    expect(sim.transcript.since(group.id).filter((e) => e.kind === 'bot')).toHaveLength(0)
  })
})

describe('simulator input errors', () => {
  test('bad text, unknown chats, wrong speakers and bad names are SimulatorErrors', async () => {
    const { sim } = captureSim()
    const chat = await sim.openUserChat('ก')
    const group = await sim.createGroup('กลุ่ม', ['ก', 'ข'], { withBot: true })
    const cases: [string, () => Promise<unknown>][] = [
      ['empty text', () => sim.say(chat.id, undefined, '  ')],
      ['text over 5,000', () => sim.say(chat.id, undefined, 'ก'.repeat(5001))],
      ['unknown chat', () => sim.say(`U${'0'.repeat(32)}`, undefined, 'x')],
      ['someone else in a 1:1', () => sim.say(chat.id, 'ข', 'x')],
      ['no speaker in a group', () => sim.say(group.id, undefined, 'x')],
      ['not a member', () => sim.say(group.id, 'ค', 'x')],
      ['empty name', () => sim.openUserChat('   ')],
      ['name too long', () => sim.openUserChat('ก'.repeat(41))],
      ['control characters', () => sim.openUserChat('a\u0007b')],
      ['bot already in', () => sim.addBot(group.id)],
      ['already a member', () => sim.addMember(group.id, 'ข')],
      ['remove a stranger', () => sim.removeMember(group.id, 'ค')],
      ['nothing to unsend', () => sim.unsend(chat.id, undefined)],
      ['postback data too long', () => sim.postback(chat.id, undefined, { data: 'x'.repeat(301) })],
      ['empty group', () => sim.createGroup('ว่าง', [])],
      ['unknown group', () => sim.addBot(`C${'0'.repeat(32)}`)],
    ]
    for (const [what, run] of cases) {
      await expect(run(), what).rejects.toBeInstanceOf(SimulatorError)
    }
    await sim.setFollowing(chat.id, false)
    await expect(sim.say(chat.id, undefined, 'บล็อกอยู่')).rejects.toThrow(/unblock/)
  })
})

describe('webhook delivery failures are visible in the chat', () => {
  test('a non-2xx answer becomes an error note with the status', async () => {
    const { sim, control } = captureSim()
    control.status = 503
    const chat = await sim.openUserChat('ก')
    const note = sim.transcript.since(chat.id).find((e) => e.kind === 'system' && e.level === 'error')
    expect(note).toMatchObject({ kind: 'system', level: 'error' })
    expect(note?.kind === 'system' ? note.text : '').toMatch(/HTTP 503/)
  })

  test('a thrown fetch and a missing attach are notes too, never exceptions', async () => {
    const { sim, control } = captureSim()
    control.throws = true
    const chat = await sim.openUserChat('ก')
    expect(JSON.stringify(sim.transcript.since(chat.id))).toMatch(/connection refused/)

    const detached = createSimulator({ channelSecret: SIM_SECRET })
    const alone = await detached.openUserChat('ข')
    expect(JSON.stringify(detached.transcript.since(alone.id))).toMatch(/not attached/)
  })
})
