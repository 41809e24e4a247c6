import { Hono } from 'hono'
import type { AdminEnv } from '../app-env.js'
import { broadcastActionRoutes } from './broadcast-action-routes.js'
import { broadcastComposeRoutes } from './broadcast-compose-routes.js'
import type { BroadcastRouteOptions } from './broadcast-http.js'
import { broadcastRunRoutes } from './broadcast-run-routes.js'
import { broadcastTestRoutes } from './broadcast-test-routes.js'

export type { QuotaSource } from './broadcast-http.js'

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
