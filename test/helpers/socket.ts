/**
 * The env @hono/node-server hands the app for each request: pass it to `app.request(url, init,
 * fromSocket(address))` and the request comes from that peer, as over a real socket.
 */
export const fromSocket = (address: string) => ({
  incoming: {
    socket: {
      remoteAddress: address,
      remotePort: 51000,
      remoteFamily: address.includes(':') ? 'IPv6' : 'IPv4',
    },
  },
})
