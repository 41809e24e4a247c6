import { describe, expect, it } from 'vitest'
import { utf8 } from '../../src/core/bytes.js'
import { createSigner, signBody } from '../../src/webhook/signature.js'

// LINE's published vector (Messaging API reference, "Verify webhook signature").
const SECRET = '8c570fa6dd201bb328f1c1eac23a96d8'
const BODY = '{"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[]}'
const SIGNATURE = 'GhRKmvmHys4Pi8DxkF4+EayaH0OqtJtaZxgTD9fMDLs='

describe('webhook signature', () => {
  it('matches LINE published vector', async () => {
    expect(await signBody(SECRET, BODY)).toBe(SIGNATURE)
    const signer = await createSigner(SECRET)
    expect(await signer.verify(utf8(BODY), SIGNATURE)).toBe(true)
  })

  it('signs the raw bytes: re-serialised JSON with other spacing fails', async () => {
    const signer = await createSigner(SECRET)
    const reserialised = JSON.stringify(JSON.parse(BODY), null, 1)
    expect(await signer.verify(utf8(reserialised), SIGNATURE)).toBe(false)
  })

  it('refuses missing, empty, hex-encoded, truncated and non-base64 signatures', async () => {
    const signer = await createSigner(SECRET)
    const body = utf8(BODY)
    const hex = Array.from(atob(SIGNATURE), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('')
    for (const sig of [undefined, null, '', hex, SIGNATURE.slice(0, 20), '%%%not base64%%%']) {
      expect(await signer.verify(body, sig)).toBe(false)
    }
  })

  it('refuses a signature made with another secret', async () => {
    const signer = await createSigner(SECRET)
    const forged = await signBody('0'.repeat(32), BODY)
    expect(await signer.verify(utf8(BODY), forged)).toBe(false)
  })

  it('checks Thai text byte for byte (UTF-8)', async () => {
    const body = '{"destination":"U1","events":[],"x":"งบประมาณ"}'
    const signer = await createSigner(SECRET)
    expect(await signer.verify(utf8(body), await signBody(SECRET, body))).toBe(true)
    expect(await signer.verify(utf8(body.replace('งบ', 'งป')), await signBody(SECRET, body))).toBe(false)
  })
})
