import { describe, expect, it } from 'vitest'
import { Transcript } from '../../src/simulator/transcript.js'

const text = (t: string) => ({ kind: 'note', text: t }) as unknown as Parameters<Transcript['append']>[1]

describe('simulator transcript memory bounds', () => {
  it('keeps at most 3,000 entries in all, dropping the stalest chat first but keeping its newest entry', () => {
    const tr = new Transcript(() => 0)
    for (let i = 0; i < 4000; i++) tr.append(`C${i % 40}`, text(String(i)))
    const all = Array.from({ length: 40 }, (_, c) => tr.since(`C${c}`))
    const total = all.reduce((n, l) => n + l.length, 0)
    expect(total).toBeLessThanOrEqual(3000)
    for (const list of all) expect(list.length).toBeGreaterThanOrEqual(1)
    // The newest entry overall is still there.
    expect(tr.lastSeq()).toBe(4000)
    expect(tr.since('C39').at(-1)?.seq).toBe(4000)
  })

  it('keeps at most 500 entries of one chat', () => {
    const tr = new Transcript(() => 0)
    for (let i = 0; i < 700; i++) tr.append('U1', text(String(i)))
    const list = tr.since('U1')
    expect(list).toHaveLength(500)
    expect(list[0]?.seq).toBe(201)
  })
})
