import { toHex, utf8 } from './bytes.js'

/**
 * A UUID derived from a name, so the same logical send always carries the same
 * X-Line-Retry-Key even when the work is retried by another process.
 */
export async function uuidFromName(name: string): Promise<string> {
  const h = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(name))).slice(0, 16)
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50 // version 5-style (name-based)
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80 // RFC 4122 variant
  const x = toHex(h)
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`
}
