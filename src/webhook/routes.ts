import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../app-env.js'
import { DEFAULT_ORG } from './channels.js'
import { parseEnvelope } from './events.js'
import { ingestEnvelope } from './inbox-service.js'

const problem = (error: string, message: string) => ({ error, message })

/** README "How it works": verify raw bytes, validate, store durably, then 200. */
export function webhookRoutes(maxBodyBytes: number) {
  const app = new Hono<AppEnv>()
  const tooLarge = (c: Context) =>
    c.json(problem('payload_too_large', `Body over ${maxBodyBytes} bytes`), 413)
  const streamingLimit = bodyLimit({ maxSize: maxBodyBytes, onError: tooLarge })

  app.use('*', async (c, next) => {
    const { metrics } = c.var.deps
    metrics.webhookInFlight++
    try {
      // LINE always sends Content-Length: checking the header leaves the body untouched, so the
      // route reads it straight from the socket. Touching `c.req.raw.body` (as hono's bodyLimit
      // does first) makes @hono/node-server build a full WHATWG Request and pipe the body through
      // a web stream, which was a fifth of the acknowledgment's CPU. Chunked bodies are still
      // counted as they stream, by bodyLimit.
      const length = c.req.header('content-length')
      if (length === undefined || c.req.header('transfer-encoding') !== undefined) {
        return await streamingLimit(c, next)
      }
      if (Number.parseInt(length, 10) > maxBodyBytes) return tooLarge(c)
      await next()
    } finally {
      metrics.webhookInFlight--
    }
  })

  app.post('/:org{[a-z0-9-]+}?', async (c) => {
    const { channels, clock, db, inboxWriter, keyring, log, inbox, background, failures, metrics } =
      c.var.deps
    const channel = await channels(c.req.param('org') ?? DEFAULT_ORG)
    if (!channel) return c.json(problem('not_found', 'No LINE channel at this webhook path'), 404)

    const raw = new Uint8Array(await c.req.arrayBuffer())
    if (raw.byteLength > maxBodyBytes) return tooLarge(c)
    if (!(await channel.signer.verify(raw, c.req.header('x-line-signature')))) {
      // Nothing stored, nothing logged beyond a counter: a forged body may carry anything.
      metrics.rejectedSignatures++
      return c.json(problem('invalid_signature', 'Missing or invalid x-line-signature'), 401)
    }

    let json: unknown
    try {
      json = JSON.parse(new TextDecoder().decode(raw))
    } catch {
      return c.json(problem('invalid_json', 'Body is not valid JSON'), 400)
    }
    const parsed = parseEnvelope(json)
    if (!parsed.ok) return c.json(problem('invalid_envelope', parsed.error), 400)
    if (parsed.envelope.events.length === 0) return c.json({ ok: true, received: 0 })

    try {
      const result = await ingestEnvelope(
        db,
        inboxWriter,
        keyring,
        channel.orgId,
        parsed.envelope,
        parsed.known,
        clock.now(),
      )
      log.debug('webhook.accepted', { org: channel.orgId, ...result })
      // Requests of a burst all get the drain already running: background() watches it once.
      if (result.stored > 0) background(() => inbox.arrived())
      return c.json({ ok: true, received: result.received })
    } catch (err) {
      // With the database away every request fails alike: logged once a minute, counted each time.
      failures.report('webhook.store_failed', err, { org: channel.orgId })
      return c.json(problem('unavailable', 'Could not store the events; LINE will redeliver'), 503)
    }
  })
  return app
}
