import { Inflate, Unzlib } from 'fflate'

// Decompression with a ceiling fixed before it starts. A deflate stream can expand at most
// 1032 times (258 bytes from two bits), so the input is fed in slices small enough that one
// slice cannot carry the output far past the ceiling: a bomb stops at the limit plus at most
// ~64 KB, whatever it declares, without ever holding what it would have grown into.

export type InflateFormat = 'zlib' | 'raw'

export type Inflated =
  | { ok: true; size: number; bytes: Uint8Array }
  /** `size` is how much was produced before stopping: never more than limit + MAX_OVERSHOOT. */
  | { ok: false; reason: 'over_limit' | 'corrupt'; size: number }

const MAX_RATIO = 1032
const MIN_SLICE = 64
const MAX_SLICE = 64 * 1024
/** What one slice may produce at most: fflate holds a push's whole output in one buffer. */
const MAX_STEP = 2 * 1024 * 1024
/** The most one slice can add past the limit: a minimal slice at the densest ratio, plus slack. */
export const MAX_OVERSHOOT = MIN_SLICE * MAX_RATIO + 32 * 1024

/** The streaming inflaters, behind an object so a test can watch what each one produces. */
export const inflaters = {
  zlib: (onData: (chunk: Uint8Array) => void): Inflater => new Unzlib(onData),
  raw: (onData: (chunk: Uint8Array) => void): Inflater => new Inflate(onData),
}

export interface Inflater {
  push(chunk: Uint8Array, final?: boolean): void
}

/**
 * A native one-shot inflater that stops at `maxOutputLength` (Node's zlib does: it throws
 * ERR_BUFFER_TOO_LARGE rather than grow past it). Where one is installed (Node's evidence
 * threads, src/runtime/evidence-worker.ts) it replaces the pure-JS slices: those run in V8's
 * interpreter under `npm start`'s --no-opt and are tens of times slower there.
 */
export type NativeInflate = (input: Uint8Array, format: InflateFormat, maxOutputLength: number) => Uint8Array
let native: NativeInflate | null = null
export function useNativeInflate(f: NativeInflate | null): void {
  native = f
}

function inflateNative(
  f: NativeInflate,
  parts: readonly Uint8Array[],
  limit: number,
  keep: boolean,
  format: InflateFormat,
): Inflated {
  try {
    const out = f(
      concat(
        [...parts],
        parts.reduce((n, p) => n + p.length, 0),
      ),
      format,
      limit + 1,
    )
    return out.length > limit
      ? { ok: false, reason: 'over_limit', size: out.length }
      : { ok: true, size: out.length, bytes: keep ? out : new Uint8Array(0) }
  } catch (err) {
    const tooLarge = err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
    return tooLarge
      ? { ok: false, reason: 'over_limit', size: limit + 1 }
      : { ok: false, reason: 'corrupt', size: 0 }
  }
}

export interface InflateOptions {
  format: InflateFormat
  /** False to count only (output is dropped as it comes): `bytes` is then empty. */
  keep: boolean
}

/** Inflates `parts` (one stream split across several pieces, as PNG IDAT chunks are). */
export function inflateBounded(
  parts: Uint8Array | readonly Uint8Array[],
  limit: number,
  opts: InflateOptions,
): Inflated {
  const pieces = parts instanceof Uint8Array ? [parts] : parts
  if (native) return inflateNative(native, pieces, limit, opts.keep, opts.format)
  const out: Uint8Array[] = []
  let size = 0
  const onData = (chunk: Uint8Array) => {
    size += chunk.length
    if (opts.keep && size <= limit) out.push(chunk)
  }
  const inflater = inflaters[opts.format](onData)
  try {
    for (const piece of pieces) {
      for (let p = 0; p < piece.length; ) {
        const room = Math.min(MAX_STEP, limit - size)
        const slice = Math.min(MAX_SLICE, Math.max(MIN_SLICE, Math.floor(room / MAX_RATIO)))
        inflater.push(piece.subarray(p, p + slice))
        p += slice
        if (size > limit) return { ok: false, reason: 'over_limit', size }
      }
    }
    inflater.push(new Uint8Array(0), true)
  } catch {
    return size > limit ? { ok: false, reason: 'over_limit', size } : { ok: false, reason: 'corrupt', size }
  }
  if (size > limit) return { ok: false, reason: 'over_limit', size }
  return { ok: true, size, bytes: opts.keep ? concat(out, size) : new Uint8Array(0) }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0]
  const all = new Uint8Array(size)
  let o = 0
  for (const c of chunks) {
    all.set(c, o)
    o += c.length
  }
  return all
}
