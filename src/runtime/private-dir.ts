import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

// Local mode keeps the embedded database and, beside it, the keys that open its sealed rows
// (secrets.json). Another account on the machine must reach neither: the directory is the
// owner's alone (0700) before the first file is written in it, so whatever modes the files
// inside get (PGlite's initdb makes some 0666), nobody else can open them.

const PRIVATE_DIR = 0o700
const GROUP_OR_OTHER = 0o077

/**
 * Creates `dir` as 0700, or narrows an existing one to it. Returns whether it was open to
 * others before (a data directory from an older version, or made by hand).
 */
export function makePrivateDir(dir: string): { narrowed: boolean } {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR })
  const wasOpen = (statSync(dir).mode & GROUP_OR_OTHER) !== 0
  if (wasOpen) chmodSync(dir, PRIVATE_DIR)
  return { narrowed: wasOpen }
}

/** Takes group and other bits off everything below `dir` (after initdb, which ignores umask). */
export function narrowTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isSymbolicLink()) continue
    if (entry.isDirectory()) narrowTree(path)
    const mode = statSync(path).mode & 0o777
    if ((mode & GROUP_OR_OTHER) !== 0) chmodSync(path, mode & ~GROUP_OR_OTHER)
  }
}
