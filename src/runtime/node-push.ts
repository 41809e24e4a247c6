import http from 'node:http'
import https from 'node:https'
import { HTTPFetchError, type messagingApi } from '@line/bot-sdk'
import type { HttpInfo } from '../line/outcome.js'
import type { PushTransport, ReplyTransport } from '../line/sdk-adapter.js'

/**
 * The push call of a broadcast over node:http with a keep-alive pool, for the Node server only.
 * The SDK sends through the global fetch; on the 2-core reference machine, against a server that
 * answers at once, one process pushed ~1,600 requests/s through the SDK, ~2,500 through fetch
 * and ~4,700 through node:http (`npm run bench:fanout` prints the figures of its own run).
 * A broadcast to 5,000 groups must reach LINE's 2,000 requests/s, so the hot call takes the
 * fast road. Same request (body, headers, retry key), and the same answer shape as the SDK's:
 * HttpInfo on 2xx, HTTPFetchError otherwise, so classification and retries are unchanged.
 * The Worker keeps the SDK (fetch is all it has). One keep-alive pool serves every
 * organization's token: they all talk to the same LINE host.
 */
export function nodeHttpPusher(opts: NodeHttpOptions): (accessToken: string) => PushTransport {
  const post = nodeHttpPoster(opts)
  return (accessToken) => (body, retryKey) =>
    post<messagingApi.PushMessageResponse>('/v2/bot/message/push', accessToken, body, retryKey)
}

/**
 * Replies over the same kind of pool: every answered message is one, and through the SDK's
 * fetch a reply cost the event loop more than the rest of its webhook's handling besides the
 * database (a sixth of the loop's time at 50 webhooks a second; bench:evidence, section 2).
 */
export function nodeHttpReplier(opts: NodeHttpOptions): (accessToken: string) => ReplyTransport {
  const post = nodeHttpPoster(opts)
  return (accessToken) => (body) =>
    post<messagingApi.ReplyMessageResponse>('/v2/bot/message/reply', accessToken, body, null)
}

interface NodeHttpOptions {
  apiBaseUrl: string
  timeoutMs?: number
  maxSockets?: number
}

function nodeHttpPoster(opts: NodeHttpOptions) {
  const base = new URL(opts.apiBaseUrl)
  const secure = base.protocol === 'https:'
  const agent = new (secure ? https.Agent : http.Agent)({
    keepAlive: true,
    maxSockets: opts.maxSockets ?? 64,
  })
  const request = secure ? https.request : http.request
  const timeoutMs = opts.timeoutMs ?? 10_000

  return <T>(path: string, accessToken: string, body: unknown, retryKey: string | null) =>
    new Promise<HttpInfo<T>>((resolve, reject) => {
      const json = JSON.stringify(body)
      const req = request(
        new URL(path, base),
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(json),
            authorization: `Bearer ${accessToken}`,
            ...(retryKey === null ? {} : { 'x-line-retry-key': retryKey }),
          },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('error', reject)
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            const status = res.statusCode ?? 0
            const headers = new Headers()
            for (const [k, v] of Object.entries(res.headers)) {
              if (typeof v === 'string') headers.set(k, v)
            }
            if (status < 200 || status >= 300) {
              const statusText = res.statusMessage ?? ''
              reject(
                new HTTPFetchError(`${status} - ${statusText}`, { status, statusText, headers, body: text }),
              )
              return
            }
            try {
              resolve({ httpResponse: { status, headers }, body: text ? JSON.parse(text) : {} })
            } catch (err) {
              reject(err)
            }
          })
        },
      )
      // The SDK's fetch has no timeout either: callOnce gives up at timeoutMs, and this frees
      // the socket at the same moment instead of leaving it to hang.
      req.setTimeout(timeoutMs, () => req.destroy(new Error('request timed out')))
      req.on('error', reject)
      req.end(json)
    })
}
