import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

export interface CheckResult {
  code: number
  output: string
}

/** How long a check may take, waited for or run here; the container steps are the longest. */
export const CHECK_TIMEOUT_MS = 240_000

/**
 * A check's exit code and output: the run scripts/checks.sh made beside vitest when
 * scripts/test.sh started one (CHECKS_DIR), else the command run here, so that
 * `npx vitest run test/checks` works alone.
 */
export async function checkResult(name: string, command: [string, ...string[]]): Promise<CheckResult> {
  const dir = process.env.CHECKS_DIR
  if (dir) return waitFor(join(dir, `${name}.rc`), join(dir, `${name}.out`))
  const [file, ...args] = command
  return new Promise((resolve) => {
    execFile(file, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0
      resolve({ code, output: `${stdout}${stderr}` })
    })
  })
}

async function waitFor(rcFile: string, outFile: string): Promise<CheckResult> {
  const deadline = Date.now() + CHECK_TIMEOUT_MS - 5_000
  while (!existsSync(rcFile)) {
    if (Date.now() > deadline) {
      const sofar = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '(no output yet)'
      return { code: -1, output: `still running after ${CHECK_TIMEOUT_MS / 1000} s:\n${sofar}` }
    }
    await sleep(200)
  }
  return { code: Number(readFileSync(rcFile, 'utf8').trim()), output: readFileSync(outFile, 'utf8') }
}
