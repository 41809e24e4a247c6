// Placeholder; replaced by the flows/ loader.
import { placeholderFlows } from '../flows/static.js'
import type { Flows } from '../flows/types.js'

export function loadFlowsFromDir(_dir: string): Flows {
  return placeholderFlows()
}
