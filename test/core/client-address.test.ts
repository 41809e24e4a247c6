import { Hono } from 'hono'
import { describe, expect, test } from 'vitest'
import { addressOf, UNKNOWN_ADDRESS } from '../../src/core/client-address.js'
import { fromSocket } from '../helpers/socket.js'

// Which address a throttle keys on. Anything a client can write (X-Forwarded-For, and on Node
// CF-Connecting-IP) counts only as far as TRUST_PROXY says proxies in front append to it.

async function seen(trustProxy: number, headers: Record<string, string>, socket?: string) {
  const app = new Hono()
  app.get('/', (c) => c.text(addressOf(c, trustProxy)))
  const res = await app.request('http://localhost/', { headers }, socket ? fromSocket(socket) : undefined)
  return res.text()
}

describe('the client address', () => {
  test('TRUST_PROXY=0: the socket, whatever the headers say', async () => {
    const spoofed = {
      'x-forwarded-for': '192.0.2.1',
      'cf-connecting-ip': '192.0.2.2',
      'x-real-ip': '192.0.2.3',
    }
    expect(await seen(0, spoofed, '198.51.100.7')).toBe('198.51.100.7')
    expect(await seen(0, {}, '198.51.100.7')).toBe('198.51.100.7')
  })

  test('TRUST_PROXY=N: the N-th entry from the right of X-Forwarded-For', async () => {
    const xff = { 'x-forwarded-for': '192.0.2.1, 203.0.113.9 ,198.51.100.4' }
    expect(await seen(1, xff, '10.0.0.1')).toBe('198.51.100.4')
    expect(await seen(2, xff, '10.0.0.1')).toBe('203.0.113.9')
    // Fewer entries than hops: the left-most there is; no header at all: the socket.
    expect(await seen(5, xff, '10.0.0.1')).toBe('192.0.2.1')
    expect(await seen(1, {}, '10.0.0.1')).toBe('10.0.0.1')
    expect(await seen(1, { 'x-forwarded-for': ' , ' }, '10.0.0.1')).toBe('10.0.0.1')
  })

  test('an IPv4 client on a dual-stack socket is one key with its plain form', async () => {
    expect(await seen(0, {}, '::ffff:198.51.100.7')).toBe('198.51.100.7')
    expect(await seen(1, { 'x-forwarded-for': '::ffff:203.0.113.5' }, '::1')).toBe('203.0.113.5')
    expect(await seen(0, {}, '2001:db8::1')).toBe('2001:db8::1')
  })

  test('no socket (an in-process request): one shared key, never a header', async () => {
    expect(await seen(0, { 'x-forwarded-for': '192.0.2.1', 'cf-connecting-ip': '192.0.2.2' })).toBe(
      UNKNOWN_ADDRESS,
    )
  })
})
