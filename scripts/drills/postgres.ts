/**
 * A PostgreSQL cluster of the drill's own, so a drill can stop and start it: Debian's binaries
 * (/usr/lib/postgresql/<version>/bin), initdb into a temporary directory as the `postgres` OS
 * user (the drills run as root, like scripts/ensure-postgres.sh), trust auth on loopback only,
 * a free port. fsync is off: the drills measure the bot, not the disk.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface DrillPostgres {
  url: string
  port: number
  /**
   * `pg_ctl stop -m fast` (what `systemctl stop postgresql` does): every connection is told
   * "terminating connection due to administrator command" and cut, new ones refused until
   * start(). DRILL_PG_STOP=immediate stops it as a crash would.
   */
  stop(): void
  start(): void
  destroy(): void
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      s.close(() => resolve(port))
    })
  })
}

function binDir(): string {
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(a) - Number(b)) : []
  const v = versions.at(-1)
  if (!v)
    throw new Error('no PostgreSQL under /usr/lib/postgresql (bash scripts/ensure-postgres.sh installs it)')
  return join(root, v, 'bin')
}

export async function startPostgres(): Promise<DrillPostgres> {
  const bin = binDir()
  const dir = mkdtempSync(join(tmpdir(), 'drill-pg-'))
  chmodSync(dir, 0o700)
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
  chownSync(dir, uid, gid)
  const asPostgres = (cmd: string, args: string[]) =>
    execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      cwd: '/tmp',
    })
  asPostgres('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'])
  const port = await freePort()
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300`
  const start = () =>
    asPostgres('pg_ctl', ['-D', join(dir, 'data'), '-o', opts, '-l', join(dir, 'log'), '-w', 'start'])
  const mode = process.env.DRILL_PG_STOP === 'immediate' ? 'immediate' : 'fast'
  const stop = () => asPostgres('pg_ctl', ['-D', join(dir, 'data'), '-m', mode, '-w', 'stop'])
  start()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    destroy() {
      try {
        asPostgres('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop'])
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
