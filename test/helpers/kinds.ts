import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

// Which vitest project a test file belongs to, read off its imports so that nobody has to keep a
// list: a file whose imports reach the test database helper needs the database servers. Browser
// and workerd files say so in their names (`*.browser.test.ts`, `*.workerd.test.ts`); a test
// whose own code (test/ files, not the app it imports) launches Chromium under another name is
// refused here, so it cannot slip into the quick `unit` project. A test that runs the built bot
// (`dist/`, or through scripts/launch.mjs as `npm start` does, with its embedded database) is
// not quick either: it goes with the database tests.

export interface TestKinds {
  unit: string[]
  db: string[]
  /** Database tests that replace a module (vi.mock), which only works in a process of their own. */
  dbIsolated: string[]
  browser: string[]
  workerd: string[]
  /** test/checks/: typecheck, lint and CI's install checks, run beside the tests (scripts/checks.sh). */
  checks: string[]
}

const DB_HELPER = resolve('test/helpers/db.ts')
const RUNS_BUILT_BOT = /['"`](dist\/|scripts\/launch\.mjs['"`])/
const TESTS = resolve('test')
const CHROMIUM = [
  'playwright-core',
  resolve('src/runtime/chromium.ts'),
  resolve('src/runtime/richmenu-image.ts'),
]
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g

/** Relative imports resolved to files, and bare package names, of one source file. */
function importsOf(file: string): { files: string[]; packages: string[] } {
  const files: string[] = []
  const packages: string[] = []
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
    if (!spec) continue
    if (!spec.startsWith('.')) {
      packages.push(spec)
      continue
    }
    const base = resolve(dirname(file), spec).replace(/\.js$/, '')
    const found = ['.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find((f) => existsSync(f))
    if (found) files.push(found)
  }
  return { files, packages }
}

/** What a test file reaches through the imports of test/ files, itself included. */
function reach(file: string, seen: Map<string, Set<string>>): Set<string> {
  const known = seen.get(file)
  if (known) return known
  const reached = new Set<string>([file])
  seen.set(file, reached)
  if (!file.startsWith(TESTS)) return reached
  const { files, packages } = importsOf(file)
  for (const p of packages) reached.add(p)
  for (const f of files) for (const r of reach(f, seen)) reached.add(r)
  return reached
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.test\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

export function testKinds(dir: string): TestKinds {
  const kinds: TestKinds = { unit: [], db: [], dbIsolated: [], browser: [], workerd: [], checks: [] }
  const seen = new Map<string, Set<string>>()
  for (const file of testFiles(dir)) {
    const name = relative('.', file)
    const reached = reach(resolve(file), seen)
    if (name.startsWith(join(relative('.', dir), 'checks/'))) kinds.checks.push(name)
    else if (/\.workerd\.test\.tsx?$/.test(name)) kinds.workerd.push(name)
    else if (/browser\.test\.tsx?$/.test(name)) kinds.browser.push(name)
    else if (CHROMIUM.some((c) => reached.has(c))) {
      throw new Error(`${name} launches Chromium: name it *.browser.test.ts`)
    } else if (reached.has(DB_HELPER) || RUNS_BUILT_BOT.test(readFileSync(file, 'utf8'))) {
      ;(/\bvi\.mock\(/.test(readFileSync(file, 'utf8')) ? kinds.dbIsolated : kinds.db).push(name)
    } else kinds.unit.push(name)
  }
  return kinds
}
