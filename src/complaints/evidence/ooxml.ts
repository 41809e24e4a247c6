import { strFromU8, strToU8, type ZipOptions, zipSync } from 'fflate'
import { listZip, readZipEntry } from '../../core/zip-bounded.js'
import { InflateBudget } from './budget.js'
import { detect } from './detect.js'
import { stripJpegLossless } from './jpeg-segments.js'
import { tooManyParts, UNREADABLE_AFTER_CLEANING, UNSUPPORTED, UNSUPPORTED_MACROS } from './messages.js'
import { dropCustomXml, hasMainPart } from './ooxml-package.js'
import { BLANK_PROPS, propertyParts, scrubXml } from './ooxml-xml.js'
import { stripPngLossless } from './png-chunks.js'
import { EvidenceRefused, type Sanitized } from './types.js'

// Word, Excel and PowerPoint files are zip packages of XML parts. The author, last editor,
// company, revision and dates sit in docProps/; comment and tracked-change authors in the
// content parts; document-management data in customXml/ (ooxml-package.ts); Word's editing
// session ids and document variables in settings; photos pasted in keep their EXIF. Every part
// is rewritten where needed and the package is zipped afresh, which also drops zip comments,
// extra fields and timestamps.

/**
 * Zip bombs: parts are counted over every nesting level together, and what they inflate to is
 * taken from the file's allowance (budget.ts), declared sizes before inflating, real ones while.
 */
export const MAX_ENTRIES = 5000
/** Embedded packages (a chart's workbook inside a docx) are cleaned too, one level down. */
const MAX_DEPTH = 1
/** Zip entry times, fixed: the time a file was last saved is itself a clue. */
const EPOCH = new Date(1980, 0, 1)

const MAIN_TYPES: [RegExp, string, string][] = [
  [
    /wordprocessingml\.document\.main\+xml/,
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'docx',
  ],
  [
    /spreadsheetml\.sheet\.main\+xml/,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'xlsx',
  ],
  [
    /presentationml\.presentation\.main\+xml/,
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'pptx',
  ],
]

/** What every nesting level of one file shares. */
interface Unpacking {
  budget: InflateBudget
  entries: number
}

export function sanitizeOoxml(input: Uint8Array, budget: InflateBudget = new InflateBudget({})): Sanitized {
  return clean(input, { budget, entries: 0 }, 0)
}

function unpack(input: Uint8Array, u: Unpacking): Record<string, Uint8Array> {
  const listing = listZip(input, MAX_ENTRIES - u.entries)
  if (!listing.ok) {
    if (listing.reason === 'too_many_entries') throw new EvidenceRefused(tooManyParts(MAX_ENTRIES))
    throw new Error('unreadable zip')
  }
  u.entries += listing.entries.length
  // All declared sizes first: a package that says it is too large is refused before any inflating.
  if (listing.entries.reduce((n, e) => n + e.size, 0) > u.budget.left()) u.budget.refuse()
  const files: Record<string, Uint8Array> = {}
  for (const entry of listing.entries) {
    if (entry.name.endsWith('/')) continue
    const r = readZipEntry(input, entry, u.budget.left())
    if (!r.ok) {
      if (r.reason === 'too_large') u.budget.refuse()
      throw new Error('unreadable zip entry')
    }
    u.budget.take(r.bytes.length)
    files[entry.name] = r.bytes
  }
  return files
}

function clean(input: Uint8Array, u: Unpacking, depth: number): Sanitized {
  const files = unpack(input, u)
  const types = files['[Content_Types].xml']
  if (!types) return UNSUPPORTED // a zip, but not an Office document (or an ODF one)
  const typesXml = strFromU8(types)
  if (/macroEnabled/i.test(typesXml) || Object.keys(files).some((n) => /vbaProject\.bin$/i.test(n))) {
    return UNSUPPORTED_MACROS
  }
  const main = MAIN_TYPES.find(([re]) => re.test(typesXml))
  if (!main) return UNSUPPORTED
  dropCustomXml(files)
  // The outer package must still open; an embedded workbook is cleaned either way.
  if (depth === 0 && !hasMainPart(files)) return UNREADABLE_AFTER_CLEANING
  const rootRels = files['_rels/.rels']
  const props = propertyParts(rootRels ? strFromU8(rootRels) : undefined)

  const out: Record<string, [Uint8Array, ZipOptions]> = {}
  for (const [name, data] of Object.entries(files)) {
    const prop = props.get(name)
    const cleaned = prop ? strToU8(BLANK_PROPS[prop]) : cleanPart(name, data, u, depth)
    const magic = detect(cleaned.subarray(0, 16))
    const stored = magic === 'jpeg' || magic === 'png' || magic === 'zip'
    out[name] = [cleaned, { level: stored ? 0 : 6, mtime: EPOCH }]
  }
  const bytes = zipSync(out, { mtime: EPOCH })
  return { ok: true, kind: 'file', mime: main[1], bytes, extension: main[2] }
}

function cleanPart(name: string, data: Uint8Array, u: Unpacking, depth: number): Uint8Array {
  switch (detect(data.subarray(0, 16))) {
    case 'jpeg':
      return stripJpegLossless(data) ?? data
    case 'png':
      return stripPngLossless(data) ?? data
    case 'zip': {
      if (depth >= MAX_DEPTH) return data
      const inner = clean(data, u, depth + 1)
      if (inner === UNSUPPORTED_MACROS) throw new EvidenceRefused(UNSUPPORTED_MACROS)
      return inner.ok ? inner.bytes : data
    }
  }
  if (!/\.(xml|rels|vml)$/i.test(name)) return data
  const xml = strFromU8(data)
  const scrubbed = scrubXml(name, xml)
  // Untouched parts keep their exact bytes (and any encoding other than UTF-8).
  return scrubbed === xml ? data : strToU8(scrubbed)
}
