import type { Flows } from '../flows/types.js'
import { createTextUnderstanding, type TextUnderstanding } from './understanding.js'

/**
 * One understanding per loaded flows, built on first use (about 50 ms) and shared by the
 * dispatcher, the complaint claim and the handlers. Keyed by the intents list, which every
 * language view of the same flows shares (flows/load.ts).
 */
const built = new WeakMap<object, TextUnderstanding>()

export function understandingOf(flows: Flows): TextUnderstanding {
  let u = built.get(flows.intents)
  if (!u) {
    u = createTextUnderstanding(flows)
    built.set(flows.intents, u)
  }
  return u
}
