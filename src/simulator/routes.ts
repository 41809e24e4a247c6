// Placeholder; the simulator implementation replaces this file.
import { Hono } from 'hono'
import type { AppEnv } from '../app-env.js'
import type { Simulator } from './simulator.js'

export function simulatorRoutes(_sim: Simulator) {
  return new Hono<AppEnv>()
}
