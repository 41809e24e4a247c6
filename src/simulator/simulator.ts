// Placeholder contract; the simulator implementation replaces this file.
import type { LinePort } from '../line/port.js'

export interface Simulator {
  /** The LinePort local mode uses: records outbound calls instead of sending them. */
  readonly line: LinePort
  /** The channel secret the simulator signs its webhook bodies with. */
  readonly channelSecret: string
  /** Gives the simulator the app to deliver its signed webhook requests to. */
  attach(fetch: (req: Request) => Promise<Response>): void
}

export function createSimulator(_opts: { channelSecret: string }): Simulator {
  throw new Error('not implemented')
}
