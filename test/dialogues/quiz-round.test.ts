import { describe, expect, it } from 'vitest'
import { createKeyring } from '../../src/core/keyring.js'
import { checkRound, newRound, ROUND_TTL_MS } from '../../src/dialogues/quiz-round.js'

const keyring = await createKeyring('k'.repeat(40), btoa(String.fromCharCode(...new Uint8Array(32).fill(3))))
const now = new Date('2026-11-22T03:00:00Z')

describe('quiz round ids', () => {
  it('a round made for a quiz is accepted for it, with its start time, for a day', async () => {
    const r = await newRound(keyring, 'default', 'assets.check', now)
    expect(r).toMatch(/^[0-9a-z]{9}[0-9a-f]{16}$/)
    expect(await checkRound(keyring, 'default', 'assets.check', r, now)).toEqual({ ok: true, startedAt: now })
    const later = new Date(now.getTime() + ROUND_TTL_MS + 1)
    expect(await checkRound(keyring, 'default', 'assets.check', r, later)).toEqual({
      ok: false,
      reason: 'expired',
    })
  })

  it('two rounds started at the same moment differ', async () => {
    const rounds = await Promise.all([1, 2, 3, 4].map(() => newRound(keyring, 'default', 'q', now)))
    expect(new Set(rounds).size).toBe(4)
  })

  it.each([
    ['another quiz', (r: string) => ({ quiz: 'ethics.check', r })],
    ['another organization', (r: string) => ({ org: 'other', r })],
    ['a changed start time', (r: string) => ({ r: `${'0'.repeat(9)}${r.slice(9)}` })],
    ['a changed tag', (r: string) => ({ r: `${r.slice(0, -1)}${r.endsWith('0') ? '1' : '0'}` })],
    ['not the shape', () => ({ r: 'x'.repeat(300) })],
  ])('is refused as forged: %s', async (_name, change) => {
    const made = await newRound(keyring, 'default', 'assets.check', now)
    const c: { quiz?: string; org?: string; r: string } = change(made)
    const result = await checkRound(keyring, c.org ?? 'default', c.quiz ?? 'assets.check', c.r, now)
    expect(result.ok).toBe(false)
  })

  it('a missing round is only "missing" (the start button has none)', async () => {
    expect(await checkRound(keyring, 'default', 'q', null, now)).toEqual({ ok: false, reason: 'missing' })
  })
})
