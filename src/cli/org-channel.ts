import type { Config } from '../config.js'
import { createKeyring } from '../core/keyring.js'
import { createLogger } from '../core/logger.js'
import { findOrg } from '../orgs/repository.js'
import { openOrgChannel } from '../orgs/service.js'
import { openDatabase } from '../runtime/boot.js'

export type OrgChannelLookup =
  | { kind: 'ok'; accessToken: string }
  | { kind: 'unknown' }
  | { kind: 'no_channel' }
  | { kind: 'no_keys' }

/**
 * An organization's own channel access token, for CLI commands that act on its LINE channel
 * (the default organization's is the environment's). Stop a server on embedded PGlite first:
 * one process per data directory.
 */
export async function orgChannelFromDb(slug: string, config: Config): Promise<OrgChannelLookup> {
  if (!config.appSecret || !config.dataEncryptionKey) return { kind: 'no_keys' }
  const log = createLogger({ level: 'warn', write: (l) => process.stderr.write(`${l}\n`) })
  const opened = await openDatabase(config, log)
  try {
    const row = await findOrg(opened.db, slug)
    if (!row) return { kind: 'unknown' }
    const keyring = await createKeyring(config.appSecret, config.dataEncryptionKey)
    const secrets = await openOrgChannel(keyring, row)
    return secrets ? { kind: 'ok', accessToken: secrets.accessToken } : { kind: 'no_channel' }
  } finally {
    await opened.close()
  }
}
