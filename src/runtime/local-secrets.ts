import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makePrivateDir } from './private-dir.js'

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
    // One written by an older version may be readable by others: it is the key to the data.
    chmodSync(path, 0o600)
    return { secrets: JSON.parse(readFileSync(path, 'utf8')) as LocalSecrets, created: false }
  }
  makePrivateDir(dataDir)
  const secrets: LocalSecrets = {
    appSecret: randomBytes(32).toString('base64url'),
    dataEncryptionKey: randomBytes(32).toString('base64'),
    simulatorChannelSecret: randomBytes(16).toString('hex'),
  }
  writeFileSync(path, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  return { secrets, created: true }
}
