// Types of scripts/build.mjs (plain JavaScript, run by the launcher on any Node).
export const OPTIONS: { entryPoints: string[]; outdir: string } & Record<string, unknown>
export function stale(root?: string): boolean
export function build(): Promise<void>
export function ensureBuilt(): Promise<boolean>
