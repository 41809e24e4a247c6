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

/**
 * Stops the server for a shutdown without waiting on clients that keep their connections open
 * (LINE's webhook deliveries do, and a load balancer's health checks): from now on every answer
 * says `Connection: close`, idle connections are closed as they become idle, and whatever is
 * still open after `graceMs` is cut. Without this `close()` waits until the clients stop sending.
 */
export function closeServer(server: ServerType, graceMs = 5_000): Promise<void> {
  return new Promise((resolve) => {
    if (!('closeIdleConnections' in server)) return server.close(() => resolve())
    server.on('request', (_req, res) => {
      if (!res.headersSent) res.setHeader('connection', 'close')
    })
    const idle = setInterval(() => server.closeIdleConnections(), 100)
    const cut = setTimeout(() => server.closeAllConnections(), graceMs)
    server.close(() => {
      clearInterval(idle)
      clearTimeout(cut)
      resolve()
    })
    server.closeIdleConnections()
  })
}
