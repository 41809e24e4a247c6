import { describe, expect, it } from 'vitest'
import { fromUtf8, utf8 } from '../../src/core/bytes.js'
import { createKeyring } from '../../src/core/keyring.js'

const KEY_A = btoa(String.fromCharCode(...new Uint8Array(32).fill(1)))
const KEY_B = btoa(String.fromCharCode(...new Uint8Array(32).fill(2)))

describe('keyring', () => {
  it('round-trips AES-GCM with a fresh IV each time', async () => {
    const k = await createKeyring('s'.repeat(32), KEY_A)
    const a = await k.seal(utf8('เรื่องร้องเรียน'))
    const b = await k.seal(utf8('เรื่องร้องเรียน'))
    expect(a).not.toEqual(b)
    expect(fromUtf8(await k.open(k.keyId, a))).toBe('เรื่องร้องเรียน')
  })

  it('refuses tampered ciphertext and another key id', async () => {
    const k = await createKeyring('s'.repeat(32), KEY_A)
    const other = await createKeyring('s'.repeat(32), KEY_B)
    const sealed = await k.seal(utf8('x'))
    const tampered = sealed.slice()
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1
    await expect(k.open(k.keyId, tampered)).rejects.toThrow()
    await expect(other.open(k.keyId, sealed)).rejects.toThrow(/no key/)
    expect(other.keyId).not.toBe(k.keyId)
  })

  it('pseudonyms are stable per secret and purpose, and reveal nothing of the id', async () => {
    const k = await createKeyring('s'.repeat(32), KEY_A)
    const k2 = await createKeyring('t'.repeat(32), KEY_A)
    const id = `U${'a'.repeat(32)}`
    expect(await k.pseudonym('chat', id)).toBe(await k.pseudonym('chat', id))
    expect(await k.pseudonym('chat', id)).not.toBe(await k.pseudonym('engagement', id))
    expect(await k.pseudonym('chat', id)).not.toBe(await k2.pseudonym('chat', id))
    expect(await k.pseudonym('chat', id)).not.toContain('aaaa')
  })
})
