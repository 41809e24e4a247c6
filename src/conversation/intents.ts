/** The names the dispatcher and the complaint claim knew before free-text understanding. */
export type { IntentMatch, TextUnderstanding as IntentMatcher } from './understanding.js'
