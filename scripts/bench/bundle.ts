import { build } from 'esbuild'
import { OPTIONS } from '../build.mjs'

/**
 * A benchmark's bot entry (scripts/bench/*.ts) bundled the way `npm run build` bundles
 * src/main.node.ts, into dist/bench/: measured as the bot runs, not through tsx, whose loader
 * keeps every module's source and source map on the heap (a third more for the garbage
 * collector to mark). dist/bench/ sits as deep as scripts/bench/, so the entry's relative paths
 * into dist/ hold from both. Returns the bundle's path.
 */
export async function bundleBenchEntry(entry: string): Promise<string> {
  const name = entry.replace(/^.*\//, '').replace(/\.ts$/, '.js')
  await build({ ...OPTIONS, entryPoints: [entry], outdir: 'dist/bench', splitting: false, logLevel: 'error' })
  return `dist/bench/${name}`
}
