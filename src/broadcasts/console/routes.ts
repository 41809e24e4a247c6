import { Hono } from 'hono'
import type { AdminEnv } from '../../app-env.js'
import type { BroadcastRouteOptions } from './http.js'
import { broadcastActionRoutes } from './routes-actions.js'
import { broadcastComposeRoutes } from './routes-compose.js'
import { broadcastRunRoutes } from './routes-runs.js'
import { broadcastTestRoutes } from './routes-test.js'

export type { QuotaSource } from './http.js'

/**
 * The broadcast pages, split by role: compose and read (list, forms, the broadcast page),
 * actions (schedule, send now, cancel), the test send, and runs with their delivery logs.
 */
export function broadcastRoutes(opts: BroadcastRouteOptions = {}) {
  const app = new Hono<AdminEnv>()
  app.route('/', broadcastComposeRoutes(opts))
  app.route('/', broadcastActionRoutes(opts))
  app.route('/', broadcastTestRoutes(opts))
  app.route('/', broadcastRunRoutes())
  return app
}
