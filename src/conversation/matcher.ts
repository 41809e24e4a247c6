import type { IntentDef } from '../flows/types.js'
import { createTextUnderstanding, type TextUnderstanding } from './understanding.js'

/**
 * Understanding from intents alone (their keywords and questions): for a caller that has no
 * loaded flows, such as a test of the dispatcher. The bot uses understandingOf(flows), which
 * knows guides, FAQs, complaint categories and synonyms too.
 */
export function createIntentMatcher(intents: readonly IntentDef[]): TextUnderstanding {
  return createTextUnderstanding({ intents })
}
