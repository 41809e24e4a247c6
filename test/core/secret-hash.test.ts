import { describe, expect, test } from 'vitest'
import { toHex, utf8 } from '../../src/core/bytes.js'
import { createKeyring } from '../../src/core/keyring.js'
import { pbkdf2Hasher, pbkdf2Sha256 } from '../../src/core/secret-hash.js'
import { createNodeKeyring } from '../../src/runtime/node-crypto.js'

describe('PBKDF2-SHA256 secret hashing', () => {
  test('matches the published test vectors (RFC 7914 §11 and the PBKDF2-HMAC-SHA256 set)', async () => {
    expect(toHex(await pbkdf2Sha256('password', utf8('salt'), 1))).toBe(
      '120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b',
    )
    expect(toHex(await pbkdf2Sha256('password', utf8('salt'), 4096))).toBe(
      'c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a',
    )
    expect(toHex(await pbkdf2Sha256('passwd', utf8('salt'), 1, 64))).toBe(
      '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783',
    )
  })

  test('stores algorithm, iterations and salt; verifies only the right password', async () => {
    const stored = await pbkdf2Hasher(1000).hash('รหัสผ่านยาวพอสมควร')
    expect(stored).toMatch(/^pbkdf2-sha256\$1000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
    expect(await pbkdf2Hasher().verify('รหัสผ่านยาวพอสมควร', stored)).toBe(true)
    expect(await pbkdf2Hasher().verify('รหัสผ่านยาวพอสมควร ', stored)).toBe(false)
    expect(await pbkdf2Hasher(1000).hash('same')).not.toBe(await pbkdf2Hasher(1000).hash('same'))
  })

  test('the default is 100,000 iterations (the Workers cap); lower counts ask for a rehash', async () => {
    const stored = await pbkdf2Hasher().hash('x')
    expect(stored.split('$')[1]).toBe('100000')
    expect(pbkdf2Hasher().needsRehash(stored)).toBe(false)
    expect(pbkdf2Hasher().needsRehash(await pbkdf2Hasher(1000).hash('x'))).toBe(true)
    // Above the cap workerd's deriveBits throws: never made, and refused unread.
    expect(() => pbkdf2Hasher(100_001)).toThrow('a whole number from 1 to 100000')
    expect(await pbkdf2Hasher().verify('x', stored.replace('$100000$', '$100001$'))).toBe(false)
  })

  test('a malformed stored hash verifies nothing and does not throw', async () => {
    for (const bad of [
      '',
      'md5$1$a$b',
      'pbkdf2-sha256$x$a$b',
      'pbkdf2-sha256$10$%%%$b',
      'pbkdf2-sha256$10$',
    ]) {
      expect(await pbkdf2Hasher().verify('x', bad)).toBe(false)
    }
  })

  test("the decoy is well formed at the hasher's count and matches no secret", async () => {
    for (const n of [1000, 100_000]) {
      const h = pbkdf2Hasher(n)
      expect(h.decoy.split('$')[1]).toBe(String(n))
      expect(await h.verify('', h.decoy)).toBe(false)
      expect(await h.verify('not a password', h.decoy)).toBe(false)
    }
  })

  test('both keyrings hash at 100,000 unless given a hasher (only tests give one)', async () => {
    const key = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)))
    for (const k of [await createKeyring('s', key), createNodeKeyring('s', key)]) {
      expect(k.secrets.iterations).toBe(100_000)
      expect((await k.secrets.hash('x')).split('$')[1]).toBe('100000')
    }
  })
})
