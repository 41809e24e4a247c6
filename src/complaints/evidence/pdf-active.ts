import {
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFHexString,
  PDFName,
  type PDFObject,
  PDFRef,
  PDFStream,
  PDFString,
} from '@cantoo/pdf-lib'

// Officers open evidence on office PCs, so a PDF must not run anything, fetch or submit
// anything, or carry files of its own. Actions live in many places (the catalog's open action,
// /AA on the catalog, pages, annotations and fields, /A on links, widgets and outline items,
// /Next chains, name trees); files in embedded-file specs, attachment annotations and /AF
// lists. Rather than chase each slot, every reference to such an object is cut wherever it
// appears, and the caller then drops whatever became unreachable.

const N = (s: string) => PDFName.of(s)

/** Actions that run code, open other files or programs, or send data somewhere. */
const ACTIVE_ACTIONS = new Set(
  ['JavaScript', 'Launch', 'SubmitForm', 'ImportData', 'GoToE', 'GoToR', 'RichMediaExecute'].map(N),
)
/** Annotations that exist to carry a file (attachments, Flash and 3D media players). */
const FILE_ANNOTATIONS = new Set(['FileAttachment', 'RichMedia'].map(N))
/** Keys that hold actions, script or associated files: the caller removes them everywhere. */
export const ACTIVE_KEYS = [N('AA'), N('AF'), N('JS')]
/** Catalog entries that run on opening, carry files, or switch the reader to XFA forms. */
const CATALOG_KEYS = [N('OpenAction'), N('Collection'), N('NeedsRendering')]
const NAME_TREES = [N('JavaScript'), N('EmbeddedFiles'), N('AlternatePresentations')]

const text = (o: PDFObject | undefined): string =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : ''

/** True for an object no reference may lead to: an active action, a file, a file's carrier. */
function isForbidden(o: PDFObject | undefined): boolean {
  const d = o instanceof PDFStream ? o.dict : o
  if (!(d instanceof PDFDict)) return false
  const type = d.get(N('Type'))
  if (type === N('EmbeddedFile') || d.has(N('EF')) || d.has(N('RF'))) return true
  const s = d.get(N('S'))
  if (s instanceof PDFName && ACTIVE_ACTIONS.has(s)) return true
  // A rendition action, or anything else, may carry script in /JS beside a harmless type.
  if (d.has(N('JS'))) return true
  if (s === N('URI') && /^\s*(?:javascript|vbscript|file|data):/i.test(text(d.lookup(N('URI'))))) return true
  const subtype = d.get(N('Subtype'))
  return subtype instanceof PDFName && FILE_ANNOTATIONS.has(subtype) && d.has(N('Rect'))
}

/**
 * Cuts every reference to active content from the document. A page that is itself such an
 * object is cut from the page tree too: the caller then finds no page and refuses the file.
 */
export function removeActiveContent(ctx: PDFContext, catalog: PDFDict): void {
  for (const k of CATALOG_KEYS) catalog.delete(k)
  const names = catalog.lookup(N('Names'))
  if (names instanceof PDFDict) for (const k of NAME_TREES) names.delete(k)
  const form = catalog.lookup(N('AcroForm'))
  if (form instanceof PDFDict) form.delete(N('XFA'))

  const forbidden = (o: PDFObject | undefined) => isForbidden(o instanceof PDFRef ? ctx.lookup(o) : o)
  const stack: PDFObject[] = [catalog, ...ctx.enumerateIndirectObjects().map(([, o]) => o)]
  for (let o = stack.pop(); o !== undefined; o = stack.pop()) {
    if (o instanceof PDFStream) stack.push(o.dict)
    else if (o instanceof PDFArray) {
      for (let i = o.size() - 1; i >= 0; i--) {
        if (forbidden(o.get(i))) o.remove(i)
        else stack.push(o.get(i))
      }
    } else if (o instanceof PDFDict) {
      const leaves = o.get(N('Names'))
      // A name tree's leaves are [key value key value …]: a cut value takes its key with it.
      if (leaves instanceof PDFArray) cutNamePairs(leaves, forbidden)
      for (const [k, v] of o.entries()) {
        if (forbidden(v)) o.delete(k)
        else stack.push(v)
      }
    }
  }
}

function cutNamePairs(leaves: PDFArray, forbidden: (o: PDFObject | undefined) => boolean): void {
  for (let i = leaves.size() - 2 - (leaves.size() % 2); i >= 0; i -= 2) {
    if (forbidden(leaves.get(i + 1))) {
      leaves.remove(i + 1)
      leaves.remove(i)
    }
  }
}
