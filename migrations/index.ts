import type { Migration } from 'kysely/migration'
import * as m20261122T0100 from './2026-11-22T0100-foundation.js'

// A static list, not a folder scan, so the Worker bundle carries the migrations too.
// Append new migrations; never edit or reorder landed ones.
export const migrations: Record<string, Migration> = {
  '2026-11-22T0100-foundation': m20261122T0100,
}
