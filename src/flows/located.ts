import type { FlowFile } from './schema.js'

/** One parsed flows file, and a value with the place it came from, for error messages. */
export interface Parsed {
  file: string
  data: FlowFile
}
export interface Located<T> {
  value: T
  file: string
  path: string
}
export const at = (l: { file: string; path: string }) => `${l.file}: ${l.path}`
