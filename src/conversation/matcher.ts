// Placeholder; replaced by the Intl.Segmenter matcher.
import type { IntentDef } from '../flows/types.js'
import type { IntentMatcher } from './intents.js'

export function createIntentMatcher(intents: IntentDef[]): IntentMatcher {
  return {
    match(text) {
      const t = text.trim().toLowerCase()
      for (const i of intents) {
        if ([...i.keywords.th, ...i.keywords.en].some((k) => t === k.toLowerCase())) {
          return { intent: i.id, exact: true, score: 1 }
        }
      }
      return null
    },
  }
}
