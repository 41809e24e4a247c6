import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { type Config, listenHost } from '../config.js'

export interface Listening {
  server: ServerType
  /** What the socket is bound to (port 0 asks the system for a free port). */
  address: AddressInfo
  /** The address to print: a browsable URL, and where it can be reached from. */
  base: string
  reach: string
}

/** Starts the Node server on HOST (loopback unless production: config.ts) and PORT. */
export function listen(
  fetch: (req: Request, env: unknown) => Response | Promise<Response>,
  config: Pick<Config, 'env' | 'production'>,
  port: number = config.env.PORT,
): Promise<Listening> {
  const hostname = listenHost(config)
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, (info) => {
      const everywhere = info.address === '0.0.0.0' || info.address === '::'
      const host = everywhere ? 'localhost' : info.family === 'IPv6' ? `[${info.address}]` : info.address
      resolve({
        server,
        address: info,
        base: `http://${host}:${info.port}`,
        reach: everywhere
          ? `every network interface (${info.address}); set HOST=127.0.0.1 to keep it on this machine`
          : `${info.address} only (HOST)`,
      })
    })
    server.once('error', reject)
  })
}
