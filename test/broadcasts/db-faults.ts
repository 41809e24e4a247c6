import type { KyselyPlugin, RootOperationNode } from 'kysely'
import type { LogFields, Logger } from '../../src/core/logger.js'

/** Raw SQL (the claims, the loop's look) whose text contains `fragment`. */
export const rawIncludes =
  (fragment: string) =>
  (node: RootOperationNode): boolean =>
    node.kind === 'RawNode' && node.sqlFragments.join('').includes(fragment)

/** The look of the loop between passes (nextClaimableAt). */
export const theLook = rawIncludes('min(greatest(r.resume_at')
/** A claim of deliveries (claimDeliveries). */
export const aClaim = rawIncludes('attempts = d.attempts + 1')

/**
 * Throws `message` from the queries that `match`, on the nth of them (1-based) when `fails(n)`:
 * a database that drops one query, or (matching all, failing all while a flag says so) one that
 * is down.
 */
export function failingQueries(
  match: (node: RootOperationNode) => boolean,
  fails: (n: number) => boolean,
  message = 'connection lost',
): KyselyPlugin {
  let n = 0
  return {
    transformQuery(args) {
      if (match(args.node) && fails(++n)) throw new Error(message)
      return args.node
    },
    transformResult: async (args) => args.result,
  }
}

export interface Logged {
  level: 'debug' | 'info' | 'warn' | 'error'
  event: string
  fields: LogFields
}

/** A logger that keeps what it is told. */
export function recordingLogger(): { log: Logger; lines: Logged[] } {
  const lines: Logged[] = []
  const at =
    (level: Logged['level']) =>
    (event: string, fields: LogFields = {}) =>
      void lines.push({ level, event, fields })
  return { log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines }
}
