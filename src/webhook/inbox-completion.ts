import type { Kysely } from 'kysely'
import type { Clock } from '../core/clock.js'
import type { Keyring } from '../core/keyring.js'
import { localDay } from '../core/time/index.js'
import type { Database } from '../db/schema.js'
import { type Completion, completeWithAnswers } from './answers-repository.js'
import { seenKey } from './seen-service.js'

/** A handled event, ready to be marked done (groups) or deleted (1:1 chats). */
export interface Handled {
  id: string
  outcome: string
  oneToOne: boolean
}

type Waiter = { handled: Handled; resolve: (c: Completion) => void; reject: (err: unknown) => void }

/**
 * Writes handled events as they finish, each write taking whatever finished while the previous
 * one was under way: a slow event never holds the others' completion, and a burst still costs
 * few writes. The event's finished answers go in the same statement: once the event can no
 * longer be handled again, nothing needs to recognise its answers (and a 1:1 chat keeps nothing).
 * Each event learns what its write found for the whole batch (open answers, waiting events): more
 * than its own, never less, so the worker may look once too often but never miss a look.
 */
export function createCompleter(db: Kysely<Database>, clock: Clock, keyring: Keyring, timeZone: string) {
  let queue: Waiter[] = []
  let writing = false

  // A 1:1 chat's handled events leave no row at all: what a person did in their own chat
  // (a complaint's intake above all) must not stay as outcomes and times (README).
  const write = async (batch: Handled[]): Promise<Completion> => {
    const now = clock.now()
    const oneToOne = await Promise.all(
      batch.filter((d) => d.oneToOne).map(async (d) => ({ id: d.id, seenKey: await seenKey(keyring, d.id) })),
    )
    const groups = batch.filter((d) => !d.oneToOne).map((d) => ({ id: d.id, outcome: d.outcome }))
    return completeWithAnswers(db, oneToOne, groups, now, localDay(now, timeZone))
  }

  const run = async () => {
    writing = true
    while (queue.length > 0) {
      const batch = queue
      queue = []
      try {
        const completion = await write(batch.map((w) => w.handled))
        for (const w of batch) w.resolve(completion)
      } catch (err) {
        for (const w of batch) w.reject(err)
      }
    }
    writing = false
  }

  return {
    /** Resolves once the event's completion is committed; rejects when that write failed. */
    complete(handled: Handled): Promise<Completion> {
      return new Promise<Completion>((resolve, reject) => {
        queue.push({ handled, resolve, reject })
        if (!writing) void run()
      })
    },
  }
}
