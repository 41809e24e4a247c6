import {
  ParseSpeeds,
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
} from '@cantoo/pdf-lib'
import { InflateBudget } from './budget.js'
import { stripJpegLossless } from './jpeg-segments.js'
import { CORRUPT, UNREADABLE_AFTER_CLEANING, UNSUPPORTED_ENCRYPTED_PDF } from './messages.js'
import { ACTIVE_KEYS, removeActiveContent } from './pdf-active.js'
import { checkStreams } from './pdf-streams.js'
import type { Sanitized } from './types.js'

// A PDF names its author in the Info dictionary (Author, Creator, Producer, dates, Title) and
// again in XMP streams (/Metadata on the catalog, pages, images). Photos pasted into it keep
// their EXIF inside the JPEG streams. Comments carry their author (/T), embedded files carry
// their own metadata, and old revisions of all of this stay in the file after an
// incremental save. We remove each, and every action, script and attached file
// (pdf-active.ts), then keep only objects reachable from the catalog, so nothing orphaned is
// written back.

const N = (s: string) => PDFName.of(s)
/** Keys whose value is metadata, application-private data or active content, wherever they appear. */
const DROP_EVERYWHERE = [N('Metadata'), N('PieceInfo'), N('LastModified'), ...ACTIVE_KEYS]
/** Markup annotations (comments, highlights) name their author in /T; widgets use /T as a field name. */
const NOT_MARKUP = new Set([N('Widget'), N('Link'), N('Popup')])
const ANNOT_PERSONAL = [N('T'), N('M'), N('CreationDate')]

export async function sanitizePdf(
  input: Uint8Array,
  budget: InflateBudget = new InflateBudget({}),
): Promise<Sanitized> {
  // Loaded regardless and checked after: pdf-lib's EncryptedPDFError is an ES5 subclass of
  // Error, so `instanceof` cannot tell it from a parse failure.
  const doc = await PDFDocument.load(input, {
    updateMetadata: false,
    ignoreEncryption: true,
    parseSpeed: ParseSpeeds.Fastest,
  })
  // Object streams were measured as they loaded; every other stream is measured now.
  checkStreams(doc.context, budget)
  // Encrypted strings and streams cannot be read, so neither can their metadata be removed.
  if (doc.isEncrypted) return UNSUPPORTED_ENCRYPTED_PDF
  if (doc.getPageCount() === 0) return CORRUPT // pdf-lib reads garbage after "%PDF-" as an empty document
  const ctx = doc.context
  ctx.trailerInfo.Info = undefined
  ctx.trailerInfo.ID = undefined
  removeActiveContent(ctx, doc.catalog)
  // A page tree that was itself an action is gone: nothing is left to show.
  if (!(doc.catalog.lookup(N('Pages')) instanceof PDFDict)) return UNREADABLE_AFTER_CLEANING

  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    scrub(obj)
    if (obj instanceof PDFRawStream && isJpegStream(obj)) {
      const stripped = stripJpegLossless(obj.contents)
      if (stripped) ctx.assign(ref, PDFRawStream.of(obj.dict, stripped))
    }
  }
  dropUnreachable(ctx)
  const bytes = await doc.save({
    useObjectStreams: false,
    addDefaultPage: false,
    updateFieldAppearances: false,
  })
  if (!(await opens(bytes))) return UNREADABLE_AFTER_CLEANING
  return { ok: true, kind: 'file', mime: 'application/pdf', bytes, extension: 'pdf' }
}

/** What officers get must open: a file whose only page was itself an action, say, has none. */
async function opens(bytes: Uint8Array): Promise<boolean> {
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false })
    return doc.getPageCount() > 0
  } catch {
    return false
  }
}

/** Removes metadata keys from a dictionary and everything nested in it (not through references). */
function scrub(root: PDFObject): void {
  const stack: PDFObject[] = [root]
  for (let o = stack.pop(); o !== undefined; o = stack.pop()) {
    if (o instanceof PDFStream) stack.push(o.dict)
    else if (o instanceof PDFArray) pushAll(stack, o.asArray())
    else if (o instanceof PDFDict) {
      for (const k of DROP_EVERYWHERE) o.delete(k)
      const subtype = o.get(N('Subtype'))
      if (o.has(N('Rect')) && subtype instanceof PDFName) {
        if (!NOT_MARKUP.has(subtype)) for (const k of ANNOT_PERSONAL) o.delete(k)
        if (subtype === N('FileAttachment')) o.delete(N('FS'))
      }
      pushAll(stack, o.values())
    }
  }
}

function isJpegStream(s: PDFRawStream): boolean {
  const f = s.dict.get(N('Filter'))
  const only = f instanceof PDFArray && f.size() === 1 ? f.get(0) : f
  return only === N('DCTDecode')
}

/** pdf-lib writes every object it parsed; only those the document still uses are kept. */
function dropUnreachable(ctx: PDFContext): void {
  const seen = new Set<PDFRef>()
  const stack: (PDFObject | undefined)[] = [ctx.trailerInfo.Root]
  for (let o = stack.pop(); stack.length > 0 || o !== undefined; o = stack.pop()) {
    if (o instanceof PDFRef) {
      if (seen.has(o)) continue
      seen.add(o)
      stack.push(ctx.lookup(o))
    } else if (o instanceof PDFStream) stack.push(o.dict)
    else if (o instanceof PDFArray) pushAll(stack, o.asArray())
    else if (o instanceof PDFDict) pushAll(stack, o.values())
  }
  for (const [ref] of ctx.enumerateIndirectObjects()) if (!seen.has(ref)) ctx.delete(ref)
  // The trailer's /Size must follow the highest object left, or strict readers warn.
  let largest = 0
  for (const r of seen) largest = Math.max(largest, r.objectNumber)
  ctx.largestObjectNumber = largest
}

/** A loop, not push(...xs): a page tree or a number array can exceed the argument limit. */
function pushAll<T>(stack: T[], xs: readonly T[]): void {
  for (const x of xs) stack.push(x)
}
