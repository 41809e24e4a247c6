import type { Context, Env, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'

/**
 * Refuses a request body over `maxBytes` before anything parses it. A declared Content-Length
 * is judged from the header alone, leaving the body unread on the socket (touching
 * `c.req.raw.body` on @hono/node-server builds a web stream, which costs the webhook CPU). A
 * chunked body is counted as it streams, by hono's bodyLimit, which stops at the first chunk
 * past the limit: at most one chunk beyond `maxBytes` is ever read.
 */
export function limitBody<E extends Env>(
  maxBytes: number,
  onError: (c: Context<E>) => Response | Promise<Response>,
): MiddlewareHandler<E> {
  const streaming = bodyLimit({ maxSize: maxBytes, onError: (c) => onError(c as Context<E>) })
  return async (c, next) => {
    const length = c.req.header('content-length')
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      const declared = Number(length.trim())
      // Node's parser refuses a malformed length itself; elsewhere count the stream instead.
      if (Number.isSafeInteger(declared) && declared >= 0) {
        if (declared > maxBytes) return onError(c)
        await next()
        return
      }
    }
    return streaming(c, next)
  }
}
