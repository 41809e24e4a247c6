import { fromBase64, timingSafeEqual, toBase64, utf8 } from '../core/bytes.js'

/** HMAC-SHA256 signer for one channel secret; the key is imported once and reused. */
export interface Signer {
  sign(body: Uint8Array<ArrayBuffer>): Promise<string>
  verify(body: Uint8Array<ArrayBuffer>, signature: string | undefined | null): Promise<boolean>
}

export async function createSigner(channelSecret: string): Promise<Signer> {
  const key = await crypto.subtle.importKey(
    'raw',
    utf8(channelSecret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = async (body: Uint8Array<ArrayBuffer>) =>
    new Uint8Array(await crypto.subtle.sign('HMAC', key, body))
  return {
    async sign(body) {
      return toBase64(await mac(body))
    },
    async verify(body, signature) {
      if (!signature) return false
      let given: Uint8Array
      try {
        given = fromBase64(signature.trim())
      } catch {
        return false
      }
      return timingSafeEqual(await mac(body), given)
    },
  }
}

/** LINE's rule in one call: base64(HMAC-SHA256(channel secret, raw body bytes)). */
export async function signBody(
  channelSecret: string,
  body: string | Uint8Array<ArrayBuffer>,
): Promise<string> {
  const signer = await createSigner(channelSecret)
  return signer.sign(typeof body === 'string' ? utf8(body) : body)
}
