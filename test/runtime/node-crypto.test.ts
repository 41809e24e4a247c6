import { describe, expect, it } from 'vitest'
import { fromUtf8, utf8 } from '../../src/core/bytes.js'
import { createKeyring } from '../../src/core/keyring.js'
import { createNodeKeyring, createNodeSigner, OFF_LOOP_BYTES } from '../../src/runtime/node-crypto.js'
import { createSigner } from '../../src/webhook/signature.js'

const KEY = btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => i)))
const SECRET = 's'.repeat(40)

describe('node:crypto and WebCrypto agree byte for byte', () => {
  it('signer: LINE vector, and each verifies the other', async () => {
    const body = utf8('{"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[]}')
    const node = createNodeSigner('8c570fa6dd201bb328f1c1eac23a96d8')
    const web = await createSigner('8c570fa6dd201bb328f1c1eac23a96d8')
    expect(await node.sign(body)).toBe('GhRKmvmHys4Pi8DxkF4+EayaH0OqtJtaZxgTD9fMDLs=')
    expect(await web.verify(body, await node.sign(body))).toBe(true)
    expect(await node.verify(body, await web.sign(body))).toBe(true)
    expect(await node.verify(body, 'AAAA')).toBe(false)
    expect(await node.verify(body, undefined)).toBe(false)
  })

  it('keyring: same key id and pseudonyms; each opens what the other sealed', async () => {
    const node = createNodeKeyring(SECRET, KEY)
    const web = await createKeyring(SECRET, KEY)
    expect(node.keyId).toBe(web.keyId)
    expect(await node.pseudonym('chat', 'U1')).toBe(await web.pseudonym('chat', 'U1'))
    const text = 'ข้อมูลลับ / confidential'
    expect(fromUtf8(await web.open(web.keyId, await node.seal(utf8(text))))).toBe(text)
    expect(fromUtf8(await node.open(node.keyId, await web.seal(utf8(text))))).toBe(text)
  })

  it('keyring: evidence-sized data (sealed off the event loop) opens both ways, at the threshold too', async () => {
    const node = createNodeKeyring(SECRET, KEY)
    const web = await createKeyring(SECRET, KEY)
    for (const size of [OFF_LOOP_BYTES - 1, OFF_LOOP_BYTES, OFF_LOOP_BYTES - 1 + 12 + 16, 2_000_000]) {
      const photo = new Uint8Array(size).map((_, i) => (i * 31 + 7) % 251)
      const sealed = await node.seal(photo)
      expect(sealed.byteLength).toBe(size + 12 + 16)
      expect(await web.open(web.keyId, sealed)).toEqual(photo)
      expect(await node.open(node.keyId, sealed)).toEqual(photo)
      expect(await node.open(node.keyId, await web.seal(photo))).toEqual(photo)
    }
  })

  it('keyring: refuses tampered data, small and evidence-sized', async () => {
    const node = createNodeKeyring(SECRET, KEY)
    const big = await node.seal(new Uint8Array(OFF_LOOP_BYTES * 2))
    big[OFF_LOOP_BYTES] = (big[OFF_LOOP_BYTES] ?? 0) ^ 0x01
    await expect(node.open(node.keyId, big)).rejects.toThrow()
    const sealed = await node.seal(utf8('x'))
    sealed[14] = (sealed[14] ?? 0) ^ 0xff
    await expect(node.open(node.keyId, sealed)).rejects.toThrow()
  })
})
