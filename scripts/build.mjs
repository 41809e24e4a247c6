// `npm run build`: bundles src/ with esbuild into dist/ (README "What `npm start` and `npm run
// serve` run"). scripts/launch.mjs builds through `ensureBuilt`, which skips esbuild when
// dist/ is newer than every source (half a second of a start saved, a nested npm too).
// Plain JavaScript, like the launcher.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

export const OPTIONS = {
  entryPoints: [
    'src/main.node.ts',
    'src/cli/migrate.ts',
    'src/cli/richmenu.ts',
    'src/cli/admin-create.ts',
    'src/cli/pglite-seed.ts',
    'src/runtime/evidence-worker.ts',
  ],
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  // Packages are bundled too: loading ~1,300 files of them one by one took ~0.7 s of every
  // start. These stay in node_modules: PGlite and sharp load files beside their own modules
  // (WebAssembly, native binaries), pg may require its native binding, node-cron finds its
  // daemon and its callers by its own file name, and the CLIs' browser and bundler are big
  // and loaded only by them.
  external: [
    '@electric-sql/pglite',
    '@electric-sql/pglite/*',
    'sharp',
    'pg',
    'pg-native',
    'node-cron',
    'playwright-core',
    'esbuild',
  ],
  // Bundled CommonJS packages call require() for Node's own modules; ESM has none of its own.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  target: 'node22',
  outdir: 'dist',
  logLevel: 'warning',
}

/** Written after each build: its time is what the sources are compared with. */
const STAMP = join(ROOT, 'dist', '.built')
/** What a bundle is made from: sources, and the files that decide packages and options. */
const SOURCES = ['src', 'migrations', 'package.json', 'package-lock.json', 'scripts/build.mjs']

/** The newest modification time under `path` (a file or a directory), in ms. */
function newest(path) {
  const st = statSync(path, { throwIfNoEntry: false })
  if (!st) return 0
  if (!st.isDirectory()) return st.mtimeMs
  let max = st.mtimeMs
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)))
  return max
}

/** Whether dist/ is missing or older than a source. */
export function stale(root = ROOT) {
  const stamp = statSync(join(root, 'dist', '.built'), { throwIfNoEntry: false })
  if (!stamp) return true
  return SOURCES.some((s) => newest(join(root, s)) > stamp.mtimeMs)
}

export async function build() {
  const esbuild = await import('esbuild')
  await esbuild.build({ ...OPTIONS, absWorkingDir: ROOT })
  writeFileSync(STAMP, `${new Date().toISOString()}\n`)
}

/** Builds when dist/ is older than the sources; returns whether it did. */
export async function ensureBuilt() {
  if (existsSync(STAMP) && !stale()) return false
  await build()
  return true
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  build().catch((err) => {
    // esbuild has printed its own errors (they come with `errors`); anything else is said here.
    if (!err?.errors) console.error(err)
    process.exit(1)
  })
}
