import { afterEach, beforeEach } from 'vitest'
import type { LineMessage, LinePort } from '../../src/line/port.js'
import { createLineApi, type LineApiOptions } from '../../src/line/sdk-adapter.js'
import { type FakeLine, type FakeLineOptions, startFakeLine } from '../fakes/fake-line-server.js'

export const USER_A = `U${'a'.repeat(32)}`
export const USER_B = `U${'b'.repeat(32)}`
export const GROUP = `C${'c'.repeat(32)}`
export const KEY_1 = '3f1c9a52-8d7e-4b6a-9c1d-2e5f7a8b9c0d'
export const KEY_2 = '7a2b3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d'

export const text = (t: string): LineMessage => ({ type: 'text', text: t })

export interface LineHarness {
  line: FakeLine
  api: LinePort
  /** Backoff delays the adapter asked to sleep, in order; nothing actually waits. */
  sleeps: number[]
  /** Another adapter on the same fake, e.g. with a wrong token or a short timeout. */
  apiWith(overrides: Partial<LineApiOptions>): LinePort
}

/** A fresh fake LINE per test and an adapter pointed at it for both hosts. */
export function useFakeLine(fakeOpts: FakeLineOptions = {}): LineHarness {
  const h = { sleeps: [] as number[] } as LineHarness
  beforeEach(async () => {
    h.sleeps.length = 0
    h.line = await startFakeLine(fakeOpts)
    h.apiWith = (overrides) =>
      createLineApi({
        accessToken: h.line.token,
        apiBaseUrl: h.line.url,
        dataApiBaseUrl: h.line.url,
        timeoutMs: 2_000,
        sleep: async (ms) => {
          h.sleeps.push(ms)
        },
        ...overrides,
      })
    h.api = h.apiWith({})
  })
  afterEach(async () => {
    await h.line.close()
  })
  return h
}
