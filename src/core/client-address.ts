import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import { getRuntimeKey } from 'hono/adapter'

// The client's address, for per-address throttling only (never stored: throttles keep a keyed
// hash). It must be one a client cannot choose: any client can send X-Forwarded-For or
// CF-Connecting-IP, so a header counts only where something in front of us overwrites it.

/** No socket and no trusted header: a request made in-process (tests, the terminal chat). */
export const UNKNOWN_ADDRESS = 'unknown'

/**
 * On Workers, CF-Connecting-IP (Cloudflare sets it; a client's own is replaced). On Node, the
 * socket's peer; with `trustProxy` hops (TRUST_PROXY) in front, the X-Forwarded-For entry that
 * many from its right, the last one a trusted proxy appended (earlier entries are whatever the
 * client sent). A header with fewer entries than hops gives its left-most one.
 */
export function addressOf(c: Context, trustProxy: number): string {
  if (getRuntimeKey() === 'workerd') return c.req.header('cf-connecting-ip')?.trim() || UNKNOWN_ADDRESS
  if (trustProxy > 0) {
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter((h) => h.length > 0)
    const hop = hops[Math.max(0, hops.length - trustProxy)]
    if (hop) return unmapped(hop)
  }
  return socketAddress(c) ?? UNKNOWN_ADDRESS
}

function socketAddress(c: Context): string | undefined {
  // @hono/node-server passes the IncomingMessage as the app's env; app.request() in tests does not.
  const env: unknown = c.env
  if (typeof env !== 'object' || env === null) return undefined
  if (!('incoming' in env) && !('server' in env)) return undefined
  const address = getConnInfo(c).remote.address
  return address ? unmapped(address) : undefined
}

/** `::ffff:192.0.2.1` (IPv4 on a dual-stack socket) is 192.0.2.1: one client, one key. */
const unmapped = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1')
