import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { checkLayers, layerOf } from '../../scripts/layers.mjs'

// The import-boundary check of `npm run lint` (README, "How the code is laid out"), on tiny
// src trees written to a temp dir: what it reports, and its exit status as lint sees it.
const run = promisify(execFile)
const roots: string[] = []
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true })
})

/** A src tree of the given files (path → source). */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'layers-'))
  roots.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

const lint = (root: string) =>
  run(process.execPath, ['scripts/layers.mjs', root]).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
  )

const CLEAN = {
  'core/ids.ts': 'export const id = 1\n',
  'orgs/service.ts': "import { id } from '../core/ids.js'\nexport const org = id\n",
  'services.ts': "import { org } from './orgs/service.js'\nexport const s = org\n",
  'main.node.ts': "import { s } from './services.js'\nconsole.log(s)\n",
}

describe('layers: the import-boundary check', () => {
  it('gives each folder its layer, the rest being capabilities', () => {
    expect(layerOf('main.node.ts').name).toBe('entries')
    expect(layerOf('cli/migrate.ts').name).toBe('entries')
    expect(layerOf('runtime/pglite.ts').name).toBe('composition')
    expect(layerOf('core/time/zone.ts').name).toBe('kernel/ports')
    expect(layerOf('db/schema.ts').name).toBe('kernel/ports')
    expect(layerOf('console/http.ts').name).toBe('console kit')
    expect(layerOf('webhook/dispatcher.ts')).toMatchObject({ name: 'capabilities', area: 'webhook' })
  })

  it('a clean tree passes', async () => {
    const root = tree(CLEAN)
    expect(checkLayers(root)).toEqual({ upward: [], allowed: [], sideways: 0, circles: [] })
    expect((await lint(root)).code).toBe(0)
  })

  it('a lower layer importing a higher one fails, one line per import', async () => {
    const root = tree({
      ...CLEAN,
      'core/ids.ts': "import type { org } from '../orgs/service.js'\nexport const id = 1\n",
    })
    expect(checkLayers(root).upward).toEqual([
      'core/ids.ts → orgs/service.ts (kernel/ports imports higher capabilities)',
    ])
    const r = await lint(root)
    expect(r.code).toBe(1)
    expect(r.out).toContain('core/ids.ts → orgs/service.ts (kernel/ports imports higher capabilities)')
  })

  it('the console kit sits between: a capability builds on it, it imports no capability', () => {
    const kit = {
      ...CLEAN,
      'console/layout.tsx': "import { id } from '../core/ids.js'\nexport const layout = id\n",
      'orgs/pages.tsx': "import { layout } from '../console/layout.js'\nexport const page = layout\n",
    }
    expect(checkLayers(tree(kit))).toEqual({ upward: [], allowed: [], sideways: 0, circles: [] })
    const up = tree({ ...kit, 'console/brand.ts': "import type { org } from '../orgs/service.js'\n" })
    expect(checkLayers(up).upward).toEqual([
      'console/brand.ts → orgs/service.ts (console kit imports higher capabilities)',
    ])
  })

  it('a circle fails, even inside one layer; a sideways import is only counted', async () => {
    const root = tree({
      ...CLEAN,
      'orgs/a.ts': "import { b } from './b.js'\nexport const a = b\n",
      'orgs/b.ts': "import type { a } from './a.js'\nexport const b = 1\n",
      'questions/ask.ts': "import { org } from '../orgs/service.js'\nexport const q = org\n",
    })
    const r = checkLayers(root)
    expect(r.circles).toEqual([['orgs/a.ts', 'orgs/b.ts', 'orgs/a.ts']])
    expect(r.sideways).toBe(1)
    expect(r.upward).toEqual([])
    const out = await lint(root)
    expect(out.code).toBe(1)
    expect(out.out).toContain('circle: orgs/a.ts → orgs/b.ts → orgs/a.ts')
  })
})
