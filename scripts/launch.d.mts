// Types of scripts/launch.mjs (plain JavaScript so that any Node can run it) for the TypeScript
// that reads its modes: the benchmarks and the launcher's tests.
export type Mode = 'local' | 'production'
export const MIN_NODE_MAJOR: number
export const MODES: Record<Mode, { env: Record<string, string>; flags: string[] }>
export const ENTRY: string
export type Plan =
  | { ok: true; argv: string[]; env: Record<string, string> }
  | { ok: false; code: number; message: string }
export function plan(
  args: string[],
  host: { version: string; env: Record<string, string | undefined>; entryExists: boolean },
): Plan
