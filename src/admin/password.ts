// Passwords are hashed by the keyring's hasher (core/secret-hash.ts); this is what they must be.

/** A one-time password people can type: 16 characters without look-alikes (~ 80 bits). */
export function generatePassword(length = 16): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const out: string[] = []
  // Rejection sampling keeps every character equally likely.
  while (out.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (b < 256 - (256 % alphabet.length) && out.length < length)
        out.push(alphabet[b % alphabet.length] ?? '')
    }
  }
  return out.join('')
}

export const MIN_PASSWORD_LENGTH = 12
