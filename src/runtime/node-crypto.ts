import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createSecretKey,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto'
import { ownBytes } from '../core/bytes.js'
import type { Keyring } from '../core/keyring.js'
import { pbkdf2Hasher, type SecretHasher } from '../core/secret-hash.js'
import type { Signer } from '../webhook/signature.js'

// node:crypto versions of the Keyring and Signer. Byte-compatible with the WebCrypto ones in
// src/core (tests prove it both ways), and several times cheaper per call on Node: WebCrypto
// there queues every HMAC and AES operation as an async job, which dominated the webhook's
// acknowledgment cost. The Worker entry keeps WebCrypto.

const IV_BYTES = 12
const TAG_BYTES = 16
/**
 * From this size on, sealing and opening run as WebCrypto jobs on libuv's pool: a report's five
 * photos are megabytes, and AES-GCM over them on the event loop held webhook acknowledgments
 * for milliseconds at a time. Below it (events, answers, text) a job's queueing costs more.
 */
export const OFF_LOOP_BYTES = 64 * 1024

export function createNodeKeyring(
  appSecret: string,
  dataKeyBase64: string,
  secrets: SecretHasher = pbkdf2Hasher(),
): Keyring {
  const key = Buffer.from(dataKeyBase64, 'base64')
  if (key.length !== 32) throw new Error('DATA_ENCRYPTION_KEY must be 32 bytes')
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 16)
  // KeyObjects once: passing raw buffers makes node:crypto build a new key object per call.
  const aesKey = createSecretKey(key)
  const pepper = createSecretKey(Buffer.from(`pepper:${appSecret}`, 'utf8'))
  let webKey: Promise<CryptoKey> | null = null
  const aesJobKey = () => {
    webKey ??= crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt', 'decrypt'])
    return webKey
  }
  return {
    keyId,
    secrets,
    async pseudonym(purpose, id) {
      return createHmac('sha256', pepper).update(`${purpose}\u0000${id}`).digest('hex').slice(0, 32)
    },
    async seal(plain) {
      const iv = randomBytes(IV_BYTES)
      if (plain.byteLength >= OFF_LOOP_BYTES) {
        // WebCrypto writes the tag after the ciphertext: the same layout, iv first.
        const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await aesJobKey(), plain)
        const out = new Uint8Array(IV_BYTES + sealed.byteLength)
        out.set(iv)
        out.set(new Uint8Array(sealed), IV_BYTES)
        return out
      }
      const cipher = createCipheriv('aes-256-gcm', aesKey, iv)
      const out = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()])
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
    },
    async open(sealedKeyId, sealed) {
      if (sealedKeyId !== keyId) throw new Error(`no key with id ${sealedKeyId} (current ${keyId})`)
      const iv = sealed.subarray(0, IV_BYTES)
      if (sealed.byteLength >= OFF_LOOP_BYTES) {
        // WebCrypto takes ArrayBuffers only.
        const own = ownBytes(sealed)
        const job = { name: 'AES-GCM', iv: own.subarray(0, IV_BYTES) }
        return new Uint8Array(await crypto.subtle.decrypt(job, await aesJobKey(), own.subarray(IV_BYTES)))
      }
      const tag = sealed.subarray(sealed.length - TAG_BYTES)
      const decipher = createDecipheriv('aes-256-gcm', aesKey, iv)
      decipher.setAuthTag(tag)
      const out = Buffer.concat([
        decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
        decipher.final(),
      ])
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
    },
  }
}

export function createNodeSigner(channelSecret: string): Signer {
  const key = createSecretKey(Buffer.from(channelSecret, 'utf8'))
  const mac = (body: Uint8Array) => createHmac('sha256', key).update(body).digest()
  return {
    async sign(body) {
      return mac(body).toString('base64')
    },
    async verify(body, signature) {
      if (!signature) return false
      const given = Buffer.from(signature.trim(), 'base64')
      const expected = mac(body)
      return given.length === expected.length && timingSafeEqual(given, expected)
    },
  }
}
