import type { Kysely } from 'kysely'
import type { Clock } from '../core/clock.js'
import type { Keyring } from '../core/keyring.js'
import type { Database } from '../db/schema.js'
import type { LinePort, LineResolver } from '../line/port.js'
import { DEFAULT_ORG } from '../webhook/channels.js'
import { findOrg } from './repository.js'
import { openOrgChannel } from './service.js'

export interface OrgLineOptions {
  db: Kysely<Database>
  keyring: Keyring
  clock: Clock
  /** The environment's channel (the default organization), or the simulator in local mode. */
  fallback: LinePort
  /** Builds a port for an organization's own access token; absent in local mode (all use fallback). */
  makeLine?: (accessToken: string) => LinePort
  ttlMs?: number
}

/**
 * Each organization sends with its own channel access token, decrypted from `orgs` and kept
 * for a minute so a rotated token takes effect soon without a query per message.
 */
export function orgLines(opts: OrgLineOptions): LineResolver {
  const ttl = opts.ttlMs ?? 60_000
  const cache = new Map<string, { line: LinePort; until: number }>()
  return async (orgId) => {
    const make = opts.makeLine
    if (orgId === DEFAULT_ORG || !make) return opts.fallback
    const now = opts.clock.now().getTime()
    const hit = cache.get(orgId)
    if (hit && hit.until > now) return hit.line
    const row = await findOrg(opts.db, orgId)
    const secrets = row ? await openOrgChannel(opts.keyring, row) : null
    if (!secrets) return null
    const line = make(secrets.accessToken)
    cache.set(orgId, { line, until: now + ttl })
    return line
  }
}
