import { Hono } from 'hono'
import type { AppEnv } from '../app-env.js'
import { toBase64 } from '../core/bytes.js'
import { simulatorApi } from './api.js'
import { ChatPage } from './page.js'
import type { Simulator } from './simulator.js'

/** Mounted at /dev in local mode only: the chat page and its JSON API. */
export function simulatorRoutes(sim: Simulator) {
  const app = new Hono<AppEnv>()
  app.get('/', (c) => c.redirect('/dev/chat'))
  app.get('/chat', (c) => {
    const nonce = toBase64(crypto.getRandomValues(new Uint8Array(16)))
    // Only our own nonce'd script runs: even markup slipped into a message could not execute.
    c.header(
      'Content-Security-Policy',
      [
        "default-src 'none'",
        `script-src 'nonce-${nonce}'`,
        "style-src 'unsafe-inline'",
        'img-src https: http: data:',
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join('; '),
    )
    c.header('Cache-Control', 'no-store')
    return c.html(`<!doctype html>${ChatPage({ nonce, botName: sim.bot.name, personas: sim.personas })}`)
  })
  app.route('/chat/api', simulatorApi(sim))
  return app
}
