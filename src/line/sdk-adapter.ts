// Placeholder; replaced by the @line/bot-sdk adapter.
import type { LinePort } from './port.js'

export interface LineApiOptions {
  accessToken: string
  apiBaseUrl: string
  dataApiBaseUrl: string
  timeoutMs?: number
  maxRetries?: number
  sleep?: (ms: number) => Promise<void>
}

export function createLineApi(_opts: LineApiOptions): LinePort {
  throw new Error('not implemented')
}
