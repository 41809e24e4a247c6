import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface LocalSecrets {
  appSecret: string
  dataEncryptionKey: string
  /** Signs the simulator's webhook bodies, exactly as LINE signs real ones. */
  simulatorChannelSecret: string
}

/**
 * In local mode missing secrets are generated once and kept in `<dataDir>/secrets.json`,
 * so encrypted rows stay readable across restarts. Production refuses to start instead
 * (config.ts).
 */
export function loadOrCreateLocalSecrets(dataDir: string): { secrets: LocalSecrets; created: boolean } {
  const path = join(dataDir, 'secrets.json')
  if (existsSync(path)) {
    return { secrets: JSON.parse(readFileSync(path, 'utf8')) as LocalSecrets, created: false }
  }
  mkdirSync(dataDir, { recursive: true })
  const secrets: LocalSecrets = {
    appSecret: randomBytes(32).toString('base64url'),
    dataEncryptionKey: randomBytes(32).toString('base64'),
    simulatorChannelSecret: randomBytes(16).toString('hex'),
  }
  writeFileSync(path, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  return { secrets, created: true }
}
