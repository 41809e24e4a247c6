import { strFromU8, strToU8, unzipSync, type ZipOptions, zipSync } from 'fflate'
import { detect } from './detect.js'
import { stripJpegLossless } from './jpeg-segments.js'
import { TOO_LARGE_UNPACKED, UNREADABLE_AFTER_CLEANING, UNSUPPORTED, UNSUPPORTED_MACROS } from './messages.js'
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

/** Zip bombs: the declared unpacked size is checked before anything is inflated. */
const MAX_UNPACKED = 100 * 1024 * 1024
const MAX_ENTRIES = 5000
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

export function sanitizeOoxml(input: Uint8Array, depth = 0): Sanitized {
  let declared = 0
  let count = 0
  const files = unzipSync(input, {
    filter: (f) => {
      declared += f.originalSize
      count += 1
      if (declared > MAX_UNPACKED || count > MAX_ENTRIES) throw new EvidenceRefused(TOO_LARGE_UNPACKED)
      return !f.name.endsWith('/')
    },
  })
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
    const cleaned = prop ? strToU8(BLANK_PROPS[prop]) : cleanPart(name, data, depth)
    const magic = detect(cleaned.subarray(0, 16))
    const stored = magic === 'jpeg' || magic === 'png' || magic === 'zip'
    out[name] = [cleaned, { level: stored ? 0 : 6, mtime: EPOCH }]
  }
  const bytes = zipSync(out, { mtime: EPOCH })
  return { ok: true, kind: 'file', mime: main[1], bytes, extension: main[2] }
}

function cleanPart(name: string, data: Uint8Array, depth: number): Uint8Array {
  switch (detect(data.subarray(0, 16))) {
    case 'jpeg':
      return stripJpegLossless(data) ?? data
    case 'png':
      return stripPngLossless(data) ?? data
    case 'zip': {
      if (depth >= MAX_DEPTH) return data
      const inner = sanitizeOoxml(data, depth + 1)
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
