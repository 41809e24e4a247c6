import type { Kysely } from 'kysely'
import type { Clock } from '../core/clock.js'
import type { Keyring } from '../core/keyring.js'
import type { Database } from '../db/schema.js'
import { type ChannelResolver, DEFAULT_ORG } from '../webhook/channels.js'
import type { Signer } from '../webhook/signature.js'
import { findOrg } from './repository.js'
import { openOrgChannel, SLUG } from './service.js'

export interface OrgChannelOptions {
  db: Kysely<Database>
  keyring: Keyring
  clock: Clock
  /** The environment's channel: `/webhook` and `/webhook/default`. */
  fallback: ChannelResolver
  /** WebCrypto on Workers, node:crypto on Node. */
  makeSigner: (channelSecret: string) => Signer | Promise<Signer>
  ttlMs?: number
  maxEntries?: number
}

/**
 * `/webhook/<slug>` for hosted agencies: the secret is read from `orgs`, decrypted, and the
 * signer kept briefly so a burst of events costs one query and one decryption. Brief, so a
 * rotated secret takes effect within a minute. Unknown slugs are not cached (no memory growth
 * from guessed paths).
 */
export function orgChannels(opts: OrgChannelOptions): ChannelResolver {
  const ttl = opts.ttlMs ?? 60_000
  const max = opts.maxEntries ?? 500
  const cache = new Map<string, { signer: Signer; until: number }>()
  return async (slug) => {
    if (slug === DEFAULT_ORG) return opts.fallback(slug)
    if (!SLUG.test(slug)) return null
    const now = opts.clock.now().getTime()
    const hit = cache.get(slug)
    if (hit && hit.until > now) return { orgId: slug, signer: hit.signer }
    const row = await findOrg(opts.db, slug)
    const secrets = row ? await openOrgChannel(opts.keyring, row) : null
    if (!secrets) {
      cache.delete(slug)
      return null
    }
    const signer = await opts.makeSigner(secrets.channelSecret)
    if (cache.size >= max) cache.clear()
    cache.set(slug, { signer, until: now + ttl })
    return { orgId: slug, signer }
  }
}
