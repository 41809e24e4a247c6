import type { Keyring } from '../core/keyring.js'

// A quiz round: one sitting of one quiz, from the moment its first question is shown. Its id
// travels in every answer button (render-quiz.ts) and names the round in the answers recorded
// (quiz.ts), where the first answer to each question is the one that counts.
//
// The id is the start time, a nonce and an HMAC of both under the organization and the quiz,
// so a phone can only send back a round the bot started: a made-up id (to start a round
// "halfway", or to make one look older) is refused. It names no person; the answers are
// already keyed by the person's pseudonym.

/** How long a round stays open: a quiz is taken in one sitting, and the lookup stays small. */
export const ROUND_TTL_MS = 24 * 3_600_000
/** A round "started" this far in the future is a clock a little off, not a forgery. */
const SKEW_MS = 5 * 60_000

const STAMP = 9 // base 36 milliseconds: enough until the year 5188
const NONCE = 4
const TAG = 12
const SHAPE = new RegExp(`^[0-9a-z]{${STAMP}}[0-9a-f]{${NONCE + TAG}}$`)

const tagOf = (keyring: Keyring, orgId: string, quizId: string, head: string) =>
  keyring.pseudonym('quiz-round', `${orgId}\u0000${quizId}\u0000${head}`).then((h) => h.slice(0, TAG))

export async function newRound(keyring: Keyring, orgId: string, quizId: string, now: Date): Promise<string> {
  const stamp = now.getTime().toString(36).padStart(STAMP, '0')
  const nonce = [...crypto.getRandomValues(new Uint8Array(NONCE / 2))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
  const head = `${stamp}${nonce}`
  return `${head}${await tagOf(keyring, orgId, quizId, head)}`
}

export type RoundCheck =
  | { ok: true; startedAt: Date }
  | { ok: false; reason: 'missing' | 'forged' | 'expired' }

/** Whether a round id from a button is one this bot made for this quiz, and still open. */
export async function checkRound(
  keyring: Keyring,
  orgId: string,
  quizId: string,
  round: string | null,
  now: Date,
): Promise<RoundCheck> {
  if (round === null || round === '') return { ok: false, reason: 'missing' }
  if (!SHAPE.test(round)) return { ok: false, reason: 'forged' }
  const head = round.slice(0, STAMP + NONCE)
  if ((await tagOf(keyring, orgId, quizId, head)) !== round.slice(STAMP + NONCE)) {
    return { ok: false, reason: 'forged' }
  }
  const startedAt = new Date(Number.parseInt(round.slice(0, STAMP), 36))
  const age = now.getTime() - startedAt.getTime()
  if (age > ROUND_TTL_MS || age < -SKEW_MS) return { ok: false, reason: 'expired' }
  return { ok: true, startedAt }
}
