/**
 * The coarse topics every understood message is put under, whatever flows/ calls its pieces:
 * the same ten words for every agency, so an evaluator (or a report) can compare them.
 * `followup` is the status of a complaint already filed, apart from filing one.
 */
export const TOPICS = [
  'budget',
  'assets',
  'nogift',
  'complaint',
  'ethics',
  'followup',
  'help',
  'about',
  'greeting',
  'thanks',
] as const
export type Topic = (typeof TOPICS)[number]

const isTopic = (s: string): s is Topic => (TOPICS as readonly string[]).includes(s)

/** flows measures → topics: a measure id names the capability its pieces belong to. */
const MEASURE_TOPIC: Readonly<Record<string, Topic>> = {
  budget: 'budget',
  assets: 'assets',
  nogift: 'nogift',
  complaints: 'complaint',
  ethics: 'ethics',
}

/** The intent the complaint code registers for following a case up (complaints/followup.ts). */
export const FOLLOWUP_INTENT = 'complaint-followup'

/**
 * An intent's topic: its own id when it is one ("budget", "help"), the follow-up intent, else
 * the topic of its measure. An agency's own intent with a measure the list does not know is
 * put under help, the menu, which is what the bot can always offer.
 */
export function topicOf(intentId: string, measure: string | undefined): Topic {
  if (intentId === FOLLOWUP_INTENT) return 'followup'
  if (isTopic(intentId)) return intentId
  return (measure && MEASURE_TOPIC[measure]) || 'help'
}

export const measureTopic = (measure: string): Topic => MEASURE_TOPIC[measure] ?? 'help'

/**
 * Topics whose mere mention must not be written next to the chat it came from (the inbox's
 * outcome, a log line): asking about a complaint can point at the complainant.
 */
export const SENSITIVE_TOPICS: ReadonlySet<Topic> = new Set(['complaint', 'followup'])
