// The import-boundary check `npm run lint` runs after biome (README, "How the code is laid
// out"). Plain JavaScript so it needs nothing but Node. Every relative import of a src/ file
// must point at its own layer or a lower one, and no file may reach itself through imports.
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { findCircles, readGraph } from './layers-graph.mjs'

/** The layers, highest first; a path (relative to src/, with '/') gets the first that matches. */
export const LAYERS = [
  { name: 'entries', rank: 3, match: [/^main\.[^/]+\.tsx?$/, /^cli\//] },
  {
    name: 'composition',
    rank: 2,
    match: [/^(app|services|body-limits|http-errors)\.ts$/, /^runtime\//, /^worker\//],
  },
  // What every console screen is built with (http helpers, session, CSRF, layout, wording):
  // below the capabilities that build screens with it, above the kernel it builds on.
  { name: 'console kit', rank: 0.5, match: [/^console\//] },
  { name: 'kernel/ports', rank: 0, match: [/^core\//, /^config\.ts$/, /^db\//, /^line\//] },
]
// Everything else is a capability, named by its folder (or its file, for app-env.ts: the Hono
// environment every route types itself by, shared by the capabilities as a contract; it names
// the capabilities' services, so it cannot sit in the console kit below them).
const CAPABILITY = { name: 'capabilities', rank: 1 }

/**
 * Upward imports kept for now, each with why; `from` and `to` are paths relative to src/ and
 * match whole paths as regular expressions.
 */
/** @type {{ from: RegExp, to: RegExp }[]} */
export const ALLOWED = []

export function layerOf(path) {
  const layer = LAYERS.find((l) => l.match.some((m) => m.test(path))) ?? CAPABILITY
  const area = path.includes('/') ? path.slice(0, path.indexOf('/')) : path.replace(/\.tsx?$/, '')
  return { ...layer, area }
}

/** Upward imports (minus the allowed), sideways counts and circles of the tree under src. */
export function checkLayers(src) {
  const graph = readGraph(src)
  const upward = []
  const allowed = []
  let sideways = 0
  for (const [from, targets] of graph) {
    const a = layerOf(from)
    for (const to of targets) {
      const b = layerOf(to)
      if (b.rank > a.rank) {
        const line = `${from} → ${to} (${a.name} imports higher ${b.name})`
        const ok = ALLOWED.some((r) => r.from.test(from) && r.to.test(to))
        ;(ok ? allowed : upward).push(line)
      } else if (a.rank === 1 && b.rank === 1 && a.area !== b.area) sideways += 1
    }
  }
  return { upward, allowed, sideways, circles: findCircles(graph) }
}

function main() {
  const root = process.argv[2] ?? 'src'
  const r = checkLayers(resolve(root))
  for (const line of r.upward) console.log(line)
  for (const c of r.circles) console.log(`circle: ${c.join(' → ')}`)
  console.log(
    `layers: ${r.upward.length} upward, ${r.circles.length} circles, ` +
      `${r.allowed.length} upward allowed (${ALLOWED.length} rules), ${r.sideways} sideways between capabilities`,
  )
  if (r.upward.length > 0 || r.circles.length > 0) process.exitCode = 1
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main()
