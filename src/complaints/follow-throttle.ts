import type { Kysely } from 'kysely'
import type { Keyring } from '../core/keyring.js'
import type { Database } from '../db/schema.js'
import { attemptsOf, countAttempt, deleteCountsBefore, uncountAttempt } from './follow-throttle-repository.js'

// Guessing case codes and secrets slows the guesser and never the complainant. Attempts are
// counted per client (a web client's address, a LINE user's daily session key) and per
// organization, in fixed time buckets, and never per case: a count kept with a case would tell
// a guesser that the code exists and would let anyone lock its complainant out. A client over
// its budget, or everyone once the organization's budget is spent, is asked to wait, whatever
// code it typed. The counts are rows, not memory: every instance (and the Worker) draws on the
// same ones, or the organization's budget would be one per instance.

export interface Budget {
  max: number
  /** Divides a day, so a bucket never spans midnight (rows are deleted by day). */
  windowMs: number
}
export interface FollowPolicy {
  client: Budget
  org: Budget
}

/** Ten wrong tries per client in a quarter of an hour; a hundred per organization a minute. */
export const FOLLOW_POLICY: FollowPolicy = {
  client: { max: 10, windowMs: 15 * 60_000 },
  org: { max: 100, windowMs: 60_000 },
}

/** Who is trying; hashed with the bucket before anything is stored. */
export type FollowClient = { channel: 'web'; address: string } | { channel: 'line'; sessionKey: string }

/** `release` when the attempt was right: only wrong ones count. */
export type Slot = { kind: 'go'; release(): Promise<void> } | { kind: 'throttled'; retryInMinutes: number }

interface Bucket {
  key: string
  endsAt: number
}

async function bucketOf(keyring: Keyring, who: string, budget: Budget, now: Date): Promise<Bucket> {
  const n = Math.floor(now.getTime() / budget.windowMs)
  const key = await keyring.pseudonym('complaint-follow-throttle', `${who}\u0000${budget.windowMs}\u0000${n}`)
  return { key, endsAt: (n + 1) * budget.windowMs }
}

const wait = (b: Bucket, now: Date): Slot => ({
  kind: 'throttled',
  retryInMinutes: Math.max(1, Math.ceil((b.endsAt - now.getTime()) / 60_000)),
})

/**
 * Counts an attempt before its secret is checked, so concurrent attempts can never check more
 * than the budget: each gets its own count from one atomic upsert, and those past the budget
 * give theirs back and wait.
 */
export async function takeAttempt(
  db: Kysely<Database>,
  keyring: Keyring,
  orgId: string,
  client: FollowClient,
  now: Date,
  policy: FollowPolicy = FOLLOW_POLICY,
): Promise<Slot> {
  const who = client.channel === 'web' ? `web\u0000${client.address}` : `line\u0000${client.sessionKey}`
  const mine = await bucketOf(keyring, `client\u0000${orgId}\u0000${who}`, policy.client, now)
  const all = await bucketOf(keyring, `org\u0000${orgId}`, policy.org, now)
  // A spent budget is read first: a flood of refused attempts writes nothing.
  const counts = await attemptsOf(db, [mine.key, all.key])
  if ((counts.get(mine.key) ?? 0) >= policy.client.max) return wait(mine, now)
  if ((counts.get(all.key) ?? 0) >= policy.org.max) return wait(all, now)

  const day = now.toISOString().slice(0, 10)
  if ((await countAttempt(db, mine.key, day)) > policy.client.max) {
    await uncountAttempt(db, mine.key)
    return wait(mine, now)
  }
  const n = await countAttempt(db, all.key, day)
  // The organization's first attempt of a bucket clears what earlier days left.
  if (n === 1) await deleteCountsBefore(db, day)
  if (n > policy.org.max) {
    await uncountAttempt(db, all.key)
    await uncountAttempt(db, mine.key)
    return wait(all, now)
  }
  return {
    kind: 'go',
    release: async () => {
      await uncountAttempt(db, all.key)
      await uncountAttempt(db, mine.key)
    },
  }
}
