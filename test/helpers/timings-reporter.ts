import type { Reporter, TestModule } from 'vitest/node'

// How long each vitest project took, printed just before vitest's own summary (README, "Tests").
// Projects share the workers, so next to the wall time from a project's first file to its last,
// "busy" adds up its files' own durations: the time the project would need on one worker.

interface ProjectTimes {
  files: number
  tests: number
  busyMs: number
  firstStart: number
  lastEnd: number
}

export default class TimingsReporter implements Reporter {
  readonly #projects = new Map<string, ProjectTimes>()
  readonly #started = new Map<string, number>()

  onTestModuleStart(module: TestModule): void {
    this.#started.set(module.moduleId, performance.now())
  }

  onTestModuleEnd(module: TestModule): void {
    const now = performance.now()
    const start = this.#started.get(module.moduleId) ?? now
    const name = module.project.name || 'tests'
    const p = this.#projects.get(name) ?? { files: 0, tests: 0, busyMs: 0, firstStart: start, lastEnd: now }
    p.files += 1
    p.tests += [...module.children.allTests()].length
    p.busyMs += module.diagnostic().duration
    p.firstStart = Math.min(p.firstStart, start)
    p.lastEnd = Math.max(p.lastEnd, now)
    this.#projects.set(name, p)
  }

  onTestRunEnd(): void {
    if (this.#projects.size === 0) return
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`
    const lines = [...this.#projects].map(
      ([name, p]) =>
        `  ${name.padEnd(12)} ${String(p.files).padStart(4)} files ${String(p.tests).padStart(5)} tests  ` +
        `wall ${s(p.lastEnd - p.firstStart).padStart(8)}  busy ${s(p.busyMs).padStart(8)}`,
    )
    process.stdout.write(`\n Time by project:\n${lines.join('\n')}\n`)
  }
}
