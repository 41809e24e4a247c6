import { Buffer } from 'node:buffer'

// A multipart/form-data body (RFC 7578) split where it lies: fields as text, files as views
// copied once into buffers of their own. The web report's five photos are megabytes, and the
// platform's parser (Request.formData) read them on the event loop in one block, copied each
// file three times and held every webhook acknowledgment behind it. This one finds the
// boundaries with Uint8Array.indexOf and touches the file bytes once.
//
// Hostile input is expected: the number of parts, each part's header block and each text field
// have limits, checked before anything is decoded; a body that does not follow the format is
// refused whole, never half-read.

export interface MultipartLimits {
  maxParts: number
  /** One part's header block (Content-Disposition and Content-Type), in bytes. */
  maxHeaderBytes: number
  /** One text field, in bytes. */
  maxFieldBytes: number
}

export interface FilePart {
  /** The name the browser gave the file ('' when the file input was left empty). */
  filename: string
  /** The part's Content-Type as sent ('' when none). */
  type: string
  bytes: Uint8Array<ArrayBuffer>
}

export type PartValue = string | FilePart
/** Which of MultipartLimits a refused body crossed, when it was one of them. */
export type MultipartLimit = 'maxParts' | 'maxHeaderBytes' | 'maxFieldBytes'

export type Multipart =
  | { ok: true; entries: [name: string, value: PartValue][] }
  | { ok: false; reason: string; limit?: MultipartLimit }

const CRLF = [13, 10]
const decoder = new TextDecoder()
const encoder = new TextEncoder()

/** RFC 2046's boundary: 1 to 70 of its characters, not ending in a space. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/

/** The boundary a Content-Type names for multipart/form-data, or null. */
export function boundaryOf(contentType: string): string | null {
  const [media = '', ...params] = contentType.split(';')
  if (media.trim().toLowerCase() !== 'multipart/form-data') return null
  for (const p of params) {
    const eq = p.indexOf('=')
    if (eq < 0 || p.slice(0, eq).trim().toLowerCase() !== 'boundary') continue
    const raw = p.slice(eq + 1).trim()
    const value = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw
    return BOUNDARY.test(value) ? value : null
  }
  return null
}

/**
 * Where `needle` starts in `hay` at or after `from`, ending by `end`; -1 when it does not.
 * Buffer's search is native (Node, and Workers with nodejs_compat): a JavaScript loop over
 * megabytes of photo bytes cost the event loop milliseconds per report.
 */
function find(hay: Uint8Array, needle: Uint8Array, from: number, end = hay.length): number {
  if (end - from < needle.length) return -1
  const found = Buffer.from(hay.buffer, hay.byteOffset + from, end - from).indexOf(needle)
  return found < 0 ? -1 : from + found
}

const at = (hay: Uint8Array, i: number, bytes: readonly number[]) => bytes.every((b, k) => hay[i + k] === b)

export function parseMultipart(body: Uint8Array, boundary: string, limits: MultipartLimits): Multipart {
  const bad = (reason: string, limit?: MultipartLimit): Multipart =>
    limit ? { ok: false, reason, limit } : { ok: false, reason }
  const delimiter = encoder.encode(`\r\n--${boundary}`)
  const headerEnd = encoder.encode('\r\n\r\n')
  // The first delimiter may open the body, without the line break before it.
  let p: number
  if (at(body, 0, [...delimiter.subarray(2)])) p = delimiter.length - 2
  else {
    const first = find(body, delimiter, 0)
    if (first < 0) return bad('no boundary')
    p = first + delimiter.length
  }
  const entries: [string, PartValue][] = []
  for (;;) {
    if (at(body, p, [45, 45])) return { ok: true, entries }
    // RFC 2046 lets whitespace follow a boundary before its line break.
    while (body[p] === 32 || body[p] === 9) p++
    if (!at(body, p, CRLF)) return bad('malformed boundary line')
    p += 2
    if (entries.length >= limits.maxParts) return bad(`more than ${limits.maxParts} parts`, 'maxParts')
    let contentStart: number
    let headers: string
    if (at(body, p, CRLF)) {
      headers = ''
      contentStart = p + 2
    } else {
      const window = Math.min(body.length, p + limits.maxHeaderBytes + headerEnd.length)
      const end = find(body, headerEnd, p, window)
      if (end < 0)
        return bad(`part headers over ${limits.maxHeaderBytes} bytes, or unterminated`, 'maxHeaderBytes')
      headers = decoder.decode(body.subarray(p, end))
      contentStart = end + headerEnd.length
    }
    const contentEnd = find(body, delimiter, contentStart)
    if (contentEnd < 0) return bad('no closing boundary')
    const part = partOf(headers)
    if (!part) return bad('a part without a form-data name')
    const content = body.subarray(contentStart, contentEnd)
    if (part.filename === undefined) {
      if (content.length > limits.maxFieldBytes)
        return bad(`a field over ${limits.maxFieldBytes} bytes`, 'maxFieldBytes')
      entries.push([part.name, decoder.decode(content)])
    } else {
      entries.push([part.name, { filename: part.filename, type: part.type, bytes: content.slice() }])
    }
    p = contentEnd + delimiter.length
  }
}

/** The name, file name and type a part's header block gives; null without a form-data name. */
function partOf(headers: string): { name: string; filename?: string; type: string } | null {
  let disposition: string | null = null
  let type = ''
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon < 0) continue
    const key = line.slice(0, colon).trim().toLowerCase()
    if (key === 'content-disposition') disposition = line.slice(colon + 1)
    else if (key === 'content-type') type = line.slice(colon + 1).trim()
  }
  if (disposition === null) return null
  const params = dispositionParams(disposition)
  if (params === null) return null
  const name = params.get('name')
  if (name === undefined) return null
  const starred = params.get('filename*')
  const filename = (starred === undefined ? undefined : extValue(starred)) ?? params.get('filename')
  return filename === undefined ? { name, type } : { name, filename, type }
}

/** `form-data; name="…"; filename="…"` as a map; null when it is not form-data. */
function dispositionParams(value: string): Map<string, string> | null {
  const semi = value.indexOf(';')
  const kind = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase()
  if (kind !== 'form-data') return null
  const params = new Map<string, string>()
  let i = semi < 0 ? value.length : semi + 1
  while (i < value.length) {
    while (value[i] === ' ' || value[i] === '\t' || value[i] === ';') i++
    const eq = value.indexOf('=', i)
    if (eq < 0) break
    const key = value.slice(i, eq).trim().toLowerCase()
    i = eq + 1
    let v = ''
    if (value[i] === '"') {
      // A quoted string; browsers write `"` in a name as %22, and a backslash escapes (RFC 2616).
      i++
      while (i < value.length && value[i] !== '"') {
        if (value[i] === '\\' && i + 1 < value.length) i++
        v += value[i]
        i++
      }
      i++
    } else {
      const end = value.indexOf(';', i)
      v = value.slice(i, end < 0 ? value.length : end).trim()
      i = end < 0 ? value.length : end
    }
    if (!params.has(key)) params.set(key, v)
  }
  return params
}

/** RFC 5987's `UTF-8''%E0%B8%81.jpg`; undefined when it is not that. */
function extValue(v: string): string | undefined {
  const m = /^utf-8'[^']*'(.*)$/i.exec(v)
  if (!m) return undefined
  try {
    return decodeURIComponent(m[1] ?? '')
  } catch {
    return undefined
  }
}
