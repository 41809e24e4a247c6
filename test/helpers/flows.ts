import { readdirSync, readFileSync } from 'node:fs'
import type { Flows } from '../../src/flows/types.js'
import { loadFlowsFromDir } from '../../src/runtime/flows-fs.js'

/** Every shipped flows/*.yaml as file name → text, as the Worker build bundles them. */
export function shippedFlowFiles(): Record<string, string> {
  return Object.fromEntries(
    readdirSync('flows')
      .filter((n) => n.endsWith('.yaml'))
      .map((n) => [`flows/${n}`, readFileSync(`flows/${n}`, 'utf8')]),
  )
}

let shipped: Flows | null = null

/**
 * The shipped flows/, loaded and validated once per test process (it takes a tenth of a second
 * or more) and frozen, as the app shares one copy between all requests: a test that changes it
 * fails instead of changing the next test's flows.
 */
export function shippedFlows(): Flows {
  shipped ??= deepFreeze(loadFlowsFromDir('flows'))
  return shipped
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}
