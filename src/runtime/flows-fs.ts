import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadFlows } from '../flows/load.js'
import type { Flows } from '../flows/types.js'

/** Node only: reads every *.yaml in the directory and loads them as one set of flows. */
export function loadFlowsFromDir(dir: string): Flows {
  const files: Record<string, string> = {}
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
    files[join(dir, name)] = readFileSync(join(dir, name), 'utf8')
  }
  return loadFlows(files)
}
