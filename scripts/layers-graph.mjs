// The import graph of src/ for scripts/layers.mjs: which src files each file imports, and the
// file-level circles in it. Plain JavaScript, like the check, so it needs nothing but Node.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name)
    if (e.isDirectory()) return walk(p)
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : []
  })
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\s*\(?\s*['"](\.[^'"]+)['"]/g

/** Every src file and the src files it imports (relative specifiers only, .js read as .ts/.tsx). */
export function readGraph(src) {
  const files = walk(src).map((f) => relative(src, f).split(sep).join('/'))
  const known = new Set(files)
  const graph = new Map()
  for (const file of files) {
    const text = readFileSync(join(src, file), 'utf8')
    const targets = new Set()
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? ''
      const base = relative(src, resolve(src, dirname(file), spec))
        .split(sep)
        .join('/')
      const stem = base.replace(/\.(js|jsx|ts|tsx)$/, '')
      const hit = [`${stem}.ts`, `${stem}.tsx`, `${stem}/index.ts`].find((c) => known.has(c))
      if (hit) targets.add(hit)
    }
    graph.set(file, [...targets])
  }
  return graph
}

/** Strongly connected groups of more than one file (Tarjan), each as one shortest cycle. */
export function findCircles(graph) {
  const index = new Map()
  const low = new Map()
  const stack = []
  const on = new Set()
  const groups = []
  const visit = (v) => {
    index.set(v, index.size)
    low.set(v, index.get(v))
    stack.push(v)
    on.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v), low.get(w)))
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), index.get(w)))
    }
    if (low.get(v) !== index.get(v)) return
    const group = []
    for (let w = stack.pop(); ; w = stack.pop()) {
      on.delete(w)
      group.push(w)
      if (w === v) break
    }
    if (group.length > 1 || (graph.get(v) ?? []).includes(v)) groups.push(group)
  }
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v)
  return groups.map((g) => cycleThrough(graph, new Set(g), [...g].sort()[0]))
}

/** The shortest path from start back to start inside its group (breadth first). */
function cycleThrough(graph, group, start) {
  const prev = new Map()
  const queue = [start]
  while (queue.length > 0) {
    const v = queue.shift()
    for (const w of graph.get(v) ?? []) {
      if (!group.has(w) || prev.has(w)) continue
      prev.set(w, v)
      if (w === start) queue.length = 0
      else queue.push(w)
    }
  }
  const path = []
  for (let v = prev.get(start); v !== start && v !== undefined; v = prev.get(v)) path.unshift(v)
  return [start, ...path, start]
}
