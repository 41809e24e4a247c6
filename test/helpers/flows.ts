import { readdirSync, readFileSync } from 'node:fs'

/** Every shipped flows/*.yaml as file name → text, as the Worker build bundles them. */
export function shippedFlowFiles(): Record<string, string> {
  return Object.fromEntries(
    readdirSync('flows')
      .filter((n) => n.endsWith('.yaml'))
      .map((n) => [`flows/${n}`, readFileSync(`flows/${n}`, 'utf8')]),
  )
}
