// Starts the built bot (dist/main.node.js) with the Node flags and environment of a mode:
//   local       `npm start`: a trial on the embedded database, under 200 MB resident
//   production  `npm run serve`: a server on PostgreSQL (the Dockerfile's CMD says the same)
// In a checkout it first rebuilds dist/ when a source is newer (scripts/build.mjs). README
// "What `npm start` and `npm run serve` run".
// The flags live here rather than in package.json because `MALLOC_ARENA_MAX=1 node …` is POSIX
// shell syntax that Windows cmd cannot run, and so the benchmarks and the Dockerfile's test read
// the one list. Plain JavaScript that any Node runs: it must be able to say that Node is too old.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const MIN_NODE_MAJOR = 22

export const MODES = {
  local: {
    env: { MALLOC_ARENA_MAX: '1' },
    flags: [
      '--liftoff-only',
      '--no-maglev',
      '--no-opt',
      '--max-semi-space-size=1',
      '--max-old-space-size=128',
    ],
  },
  production: {
    env: { MALLOC_ARENA_MAX: '2' },
    // A 128 MB old generation from the start: V8 counts the photos a report moves through the
    // event loop (ArrayBuffers) against a limit set from the heap's live size, and with ~35 MB
    // live it started a full collection every ~25 MB of them, about two per report. Four times
    // fewer with this; webhook acknowledgments wait behind them (bench:evidence, section 2).
    flags: ['--max-old-space-size=512', '--initial-old-space-size=128'],
  },
}

export const ENTRY = fileURLToPath(new URL('../dist/main.node.js', import.meta.url))
const SOURCES = fileURLToPath(new URL('../src', import.meta.url))

/**
 * What to run for `args` (the mode, then Node flags to add), or the message that refuses them.
 * @param {string[]} args
 * @param {{ version: string, env: Record<string, string | undefined>, entryExists: boolean }} host
 * @returns {{ ok: true, argv: string[], env: Record<string, string> } | { ok: false, code: number, message: string }}
 */
export function plan(args, host) {
  const [mode, ...extra] = args
  const names = Object.keys(MODES).join(', ')
  if (mode === undefined || !Object.hasOwn(MODES, mode)) {
    const got = mode === undefined ? 'no mode' : `unknown mode "${mode}"`
    return {
      ok: false,
      code: 2,
      message: `launch: ${got}; use one of: ${names} (npm start = local, npm run serve = production)`,
    }
  }
  const notFlag = extra.find((a) => !a.startsWith('-'))
  if (notFlag !== undefined) {
    return {
      ok: false,
      code: 2,
      message: `launch: "${notFlag}" is not a Node flag; only flags may follow the mode`,
    }
  }
  const major = Number(/^v?(\d+)/.exec(host.version)?.[1] ?? 0)
  if (major < MIN_NODE_MAJOR) {
    return {
      ok: false,
      code: 1,
      message:
        `The bot needs Node ${MIN_NODE_MAJOR} or later; this is Node ${host.version}. ` +
        'npm ci installs Node 22.23.2 for the npm scripts on Linux x64/arm64, macOS and Windows x64; ' +
        `elsewhere install Node ${MIN_NODE_MAJOR}+ (README "Two commands").\n` +
        `บอตต้องใช้ Node ${MIN_NODE_MAJOR} ขึ้นไป เครื่องนี้เป็น ${host.version}`,
    }
  }
  if (!host.entryExists) {
    return {
      ok: false,
      code: 1,
      message: `launch: ${ENTRY} is missing: run \`npm run build\` first`,
    }
  }
  const settings = MODES[/** @type {keyof typeof MODES} */ (mode)]
  // A value the person set in the environment wins over the mode's.
  /** @type {Record<string, string>} */
  const env = { ...settings.env }
  for (const [name, value] of Object.entries(host.env)) if (value !== undefined) env[name] = value
  return { ok: true, argv: [...settings.flags, ...extra, ENTRY], env }
}

async function run() {
  const args = process.argv.slice(2)
  const host = { version: process.version, env: process.env, entryExists: true }
  // Mode and Node first: the build below needs a Node that can run it.
  const checked = plan(args, host)
  if (!checked.ok) {
    console.error(checked.message)
    process.exit(checked.code)
  }
  // In a checkout, dist/ is brought up to date first (a container image has no src/ to build).
  if (existsSync(SOURCES)) {
    const { ensureBuilt } = await import('./build.mjs')
    await ensureBuilt().catch((err) => {
      if (!err?.errors) console.error(err)
      process.exit(1)
    })
  }
  const planned = plan(args, { ...host, entryExists: existsSync(ENTRY) })
  if (!planned.ok) {
    console.error(planned.message)
    process.exit(planned.code)
  }
  // Where the platform can, the bot replaces this process (same PID: a container's PID 1, the
  // embedded database's lock file, signals straight to the bot, no second Node in memory).
  if (typeof process.execve === 'function' && process.platform !== 'win32') {
    process.execve(process.execPath, [process.execPath, ...planned.argv], planned.env)
  }
  const child = spawn(process.execPath, planned.argv, { env: planned.env, stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      // Windows: Ctrl+C reaches every process of the console, the bot included, and kill()
      // there ends a process at once, so the bot is left to shut down on its own.
      if (process.platform !== 'win32') child.kill(signal)
    })
  }
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal)
      process.kill(process.pid, signal)
    } else process.exit(code ?? 1)
  })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run()
