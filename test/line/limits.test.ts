import { describe, expect, it } from 'vitest'
import {
  assertWithinLimits,
  checkLoading,
  checkMessages,
  checkMulticastRecipients,
  checkPushOptions,
  LineLimitError,
} from '../../src/line/limits.js'
import type { LineMessage } from '../../src/line/port.js'

const U = `U${'a'.repeat(32)}`
const C = `C${'c'.repeat(32)}`
const KEY = '3f1c9a52-8d7e-4b6a-9c1d-2e5f7a8b9c0d'
const text = (t: string): LineMessage => ({ type: 'text', text: t })

describe('message limits', () => {
  it('accepts 1–5 messages and refuses 0 and 6', () => {
    expect(checkMessages([text('a')])).toEqual([])
    expect(checkMessages(Array(5).fill(text('a')))).toEqual([])
    expect(checkMessages([])).toEqual(['no messages to send'])
    expect(checkMessages(Array(6).fill(text('a')))).toEqual(['6 messages in one call, over 5'])
  })

  it('counts text in UTF-16 units, as LINE does', () => {
    expect(checkMessages([text('ก'.repeat(5000))])).toEqual([])
    expect(checkMessages([text('😀'.repeat(2501))])).toEqual([
      'message 1: text has 5002 UTF-16 units, over 5000',
    ])
  })

  it('names a too-long quick reply label by position, never by its text', () => {
    const m: LineMessage = {
      type: 'text',
      text: 'x',
      quickReply: {
        items: [{ type: 'action', action: { type: 'message', label: 'ลับมาก'.repeat(5), text: 'x' } }],
      },
    }
    const problems = checkMessages([m])
    expect(problems).toEqual(['message 1: quick reply item 1 label has 30 characters, over 20'])
    expect(() => assertWithinLimits([m])).toThrow(LineLimitError)
  })
})

describe('push options, multicast and loading limits', () => {
  it('wants a UUID retry key and at most one well-formed aggregation unit', () => {
    expect(checkPushOptions({ retryKey: KEY, customAggregationUnits: ['budget_2568'] }, 'push')).toEqual([])
    expect(checkPushOptions({ retryKey: 'nope' }, 'push')).toEqual([
      'retryKey must be a UUID (X-Line-Retry-Key)',
    ])
    expect(
      checkPushOptions({ retryKey: KEY, customAggregationUnits: ['bad-name'] }, 'multicast'),
    ).toHaveLength(1)
    expect(checkPushOptions({ retryKey: KEY, customAggregationUnits: ['a'] }, 'broadcast')).toEqual([
      'broadcast does not take customAggregationUnits',
    ])
  })

  it('multicasts to 1–500 user ids only, without quoting any id', () => {
    expect(checkMulticastRecipients(Array(500).fill(U))).toEqual([])
    expect(checkMulticastRecipients([])).toEqual(['multicast has no recipients'])
    expect(checkMulticastRecipients(Array(501).fill(U))).toEqual(['multicast to 501 recipients, over 500'])
    const problems = checkMulticastRecipients([U, C])
    expect(problems).toHaveLength(1)
    expect(problems.join()).not.toContain(C)
  })

  it('shows loading in 1:1 chats for 5–60 s in steps of 5', () => {
    for (const s of [5, 30, 60]) expect(checkLoading(U, s)).toEqual([])
    for (const s of [0, 4, 7, 65, 12.5]) expect(checkLoading(U, s)).toHaveLength(1)
    expect(checkLoading(C, 5)).toEqual(['loading animation works in 1:1 chats only (a user id)'])
  })
})
