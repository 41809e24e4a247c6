export interface IntentMatch {
  intent: string
  /** The whole message is the keyword (a command), not just a mention of it. */
  exact: boolean
  score: number
}

export interface IntentMatcher {
  match(text: string): IntentMatch | null
}
