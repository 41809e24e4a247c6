import { Hono } from 'hono'
import type { AdminEnv } from '../app-env.js'
import { officerCaseRoutes } from './officers/routes.js'
import { officerPeopleRoutes } from './officers/routes-people.js'
import { statsRoutes } from './stats-routes.js'

/** The console's complaint pages; statistics first, so /complaints/stats is not taken for a case. */
export function complaintRoutes() {
  const app = new Hono<AdminEnv>()
  app.route('/', statsRoutes())
  app.route('/', officerCaseRoutes())
  app.route('/', officerPeopleRoutes())
  return app
}
