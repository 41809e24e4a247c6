import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

export interface Server {
  url: string
  pid: number
  /** Everything the server printed on stdout so far. */
  output(): string
  /** Waits until the bot's inbox has nothing pending (the baseline has no inbox). */
  waitIdle(): Promise<void>
  rssMb(): number
  stop(): Promise<void>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Runs a TypeScript entry on this Node (24, through npm) with tsx's loader, one process per server. */
export async function startServer(
  script: string,
  port: number,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<Server> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, ...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), script],
    {
      env: { ...process.env, PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  let out = ''
  child.stdout?.on('data', (d) => {
    out += d
  })
  const until = Date.now() + 60_000
  while (!/listening on/.test(out)) {
    if (child.exitCode !== null) throw new Error(`${script} exited:\n${out}`)
    if (Date.now() > until) throw new Error(`${script} did not start:\n${out}`)
    await sleep(100)
  }
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    pid: child.pid ?? 0,
    output: () => out,
    async waitIdle() {
      const deadline = Date.now() + 300_000
      for (;;) {
        const res = await fetch(`${url}/healthz`).catch(() => null)
        if (!res || res.status === 404) return
        const body = (await res.json()) as { inbox?: { pending: number } }
        if ((body.inbox?.pending ?? 0) === 0) return
        if (Date.now() > deadline) throw new Error('inbox did not drain in 300 s')
        await sleep(250)
      }
    },
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
      return kb / 1024
    },
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise((r) => child.on('exit', r))
      child.kill('SIGTERM')
      await Promise.race([exited, sleep(10_000)])
      if (child.exitCode === null) child.kill('SIGKILL')
    },
  }
}
