import { fromBase64, toHex, utf8 } from './bytes.js'
import { pbkdf2Hasher, type SecretHasher } from './secret-hash.js'

/**
 * The app's secrets as WebCrypto keys, so the same code runs on Node and Workers.
 * - pseudonym(): HMAC(pepper, id) for pseudonymous ids (no raw LINE id is stored).
 * - seal()/open(): AES-256-GCM for the confidential class; the key id travels with the data
 *   so keys can be rotated.
 * - secrets: the slow hash of passwords and receipt secrets (secret-hash.ts).
 */
export interface Keyring {
  readonly keyId: string
  pseudonym(purpose: string, id: string): Promise<string>
  seal(plain: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>>
  open(keyId: string, sealed: Uint8Array): Promise<Uint8Array<ArrayBuffer>>
  readonly secrets: SecretHasher
}

const IV_BYTES = 12

export async function createKeyring(
  appSecret: string,
  dataKeyBase64: string,
  secrets: SecretHasher = pbkdf2Hasher(),
): Promise<Keyring> {
  const rawKey = fromBase64(dataKeyBase64)
  if (rawKey.length !== 32) throw new Error('DATA_ENCRYPTION_KEY must be 32 bytes')
  const aes = await crypto.subtle.importKey('raw', rawKey, 'AES-GCM', false, ['encrypt', 'decrypt'])
  const keyId = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', rawKey))).slice(0, 16)
  const pepper = await crypto.subtle.importKey(
    'raw',
    utf8(`pepper:${appSecret}`),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  return {
    keyId,
    secrets,
    async pseudonym(purpose, id) {
      const mac = await crypto.subtle.sign('HMAC', pepper, utf8(`${purpose}\u0000${id}`))
      return toHex(new Uint8Array(mac)).slice(0, 32)
    },
    async seal(plain) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
      const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, aes, plain))
      const out = new Uint8Array(IV_BYTES + ct.length)
      out.set(iv)
      out.set(ct, IV_BYTES)
      return out
    },
    async open(sealedKeyId, sealed) {
      if (sealedKeyId !== keyId) throw new Error(`no key with id ${sealedKeyId} (current ${keyId})`)
      const iv = sealed.slice(0, IV_BYTES)
      const ct = sealed.slice(IV_BYTES)
      return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, aes, ct))
    },
  }
}
