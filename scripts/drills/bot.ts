/**
 * One instance of the built bot (`node dist/main.node.js`, built once by the runner), as a
 * process the drill can kill -9, SIGTERM and restart. Its stdout (JSON log lines) is kept so a
 * drill can count log lines per event. `wrap` runs it under another command, e.g. unshare(1) to
 * make it PID 1 of its own PID namespace.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createWriteStream, readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface Bot {
  name: string
  url: string
  /** The bot's own pid (inside a wrapper: the wrapped node's host pid). */
  pid(): number
  lines(): string[]
  /** Log lines per `event` at level error or warn. */
  problems(): Map<string, number>
  kill9(): void
  /** SIGTERM; resolves with seconds to exit and the exit code. */
  term(): Promise<{ seconds: number; code: number | null }>
  exited(): boolean
  /** How it ended when it exited unasked: exit code and the last of its stderr. */
  exitReason(): string | null
  stop(): Promise<void>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The host pid of `parent`'s first child (unshare --fork runs the command as its child). */
function childPid(parent: number): number | null {
  try {
    const kids = readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8').trim().split(/\s+/)
    const n = Number(kids[0])
    return Number.isInteger(n) && n > 0 ? n : null
  } catch {
    return null
  }
}

export async function startBot(opts: {
  name: string
  port: number
  env: Record<string, string>
  nodeArgs?: string[]
  wrap?: string[]
  /** Resolve without waiting for "listening on" (the caller waits for refusal or start). */
  noWait?: boolean
}): Promise<Bot & { startError(): string | null }> {
  const argv = [...(opts.nodeArgs ?? []), 'dist/main.node.js']
  const [cmd, ...args] = opts.wrap ? [...opts.wrap, process.execPath, ...argv] : [process.execPath, ...argv]
  const child: ChildProcess = spawn(cmd ?? process.execPath, args, {
    env: { ...process.env, PORT: String(opts.port), HOST: '127.0.0.1', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout?.on('data', (d) => {
    out += d
  })
  child.stderr?.on('data', (d) => {
    err += d
  })
  let exitCode: number | null = null
  let exitedAt = 0
  let hasExited = false
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exitCode = code
      hasExited = true
      exitedAt = performance.now()
      resolve()
    }),
  )
  // DRILL_LOG_DIR=<dir>: each instance's stdout and stderr also go to <dir>/<name>-<pid>.log.
  const logDir = process.env.DRILL_LOG_DIR
  if (logDir) {
    const file = createWriteStream(join(logDir, `${opts.name}-${child.pid}.log`))
    child.stdout?.pipe(file)
    child.stderr?.pipe(file)
  }
  const pid = () => (opts.wrap ? (childPid(child.pid ?? 0) ?? child.pid ?? 0) : (child.pid ?? 0))
  const bot = {
    name: opts.name,
    url: `http://127.0.0.1:${opts.port}`,
    pid,
    lines: () => out.split('\n').filter((l) => l.length > 0),
    problems() {
      const m = new Map<string, number>()
      for (const l of out.split('\n')) {
        if (!l.startsWith('{')) continue
        try {
          const r = JSON.parse(l) as { level?: string; event?: string }
          if (r.level === 'error' || r.level === 'warn')
            m.set(r.event ?? '?', (m.get(r.event ?? '?') ?? 0) + 1)
        } catch {
          // not a log line
        }
      }
      return m
    },
    kill9() {
      if (hasExited) return
      const p = pid()
      try {
        process.kill(p, 'SIGKILL')
      } catch {
        // gone already
      }
    },
    async term() {
      const t0 = performance.now()
      process.kill(pid(), 'SIGTERM')
      await Promise.race([exit, sleep(60_000)])
      return { seconds: ((hasExited ? exitedAt : performance.now()) - t0) / 1000, code: exitCode }
    },
    exited: () => hasExited,
    exitReason: () =>
      hasExited
        ? `exit ${exitCode}: ${(err.split('\n').find((l) => /Error|error:/.test(l)) ?? err.trim().split('\n').at(-1) ?? '').trim().slice(0, 200)}`
        : null,
    async stop() {
      if (hasExited) return
      try {
        process.kill(pid(), 'SIGTERM')
      } catch {
        return
      }
      await Promise.race([exit, sleep(15_000)])
      if (!hasExited) child.kill('SIGKILL')
      if (!hasExited) bot.kill9()
      await Promise.race([exit, sleep(5_000)])
    },
    startError: () => (hasExited ? `${err}${out}`.trim().slice(-600) || `exit ${exitCode}` : null),
  }
  if (opts.noWait) return bot
  const until = Date.now() + 90_000
  while (!/listening on/.test(out)) {
    if (hasExited) throw new Error(`${opts.name} exited (${exitCode}):\n${err}\n${out}`.slice(0, 3000))
    if (Date.now() > until) throw new Error(`${opts.name} did not start:\n${out}`)
    await sleep(50)
  }
  return bot
}

/** GET /healthz: status and body (null when unreachable). */
export async function health(url: string): Promise<{ status: number; body: Record<string, unknown> | null }> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(3000) })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  } catch {
    return { status: 0, body: null }
  }
}
