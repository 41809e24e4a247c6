// Text rewrites for the XML parts of Word, Excel and PowerPoint files. Each pattern is linear
// (no nested quantifiers) because parts can be tens of megabytes.

const NS = {
  cp: 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties',
  ep: 'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties',
  custom: 'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties',
  vt: 'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes',
}
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

/** Valid, empty property parts: no creator, last modified by, company, revision or dates. */
export const BLANK_PROPS: Record<'core' | 'app' | 'custom', string> = {
  core: `${DECL}<cp:coreProperties xmlns:cp="${NS.cp}" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>`,
  app: `${DECL}<Properties xmlns="${NS.ep}" xmlns:vt="${NS.vt}"></Properties>`,
  custom: `${DECL}<Properties xmlns="${NS.custom}" xmlns:vt="${NS.vt}"></Properties>`,
}

const REL_TYPES: Record<string, 'core' | 'app' | 'custom'> = {
  'core-properties': 'core',
  'extended-properties': 'app',
  'custom-properties': 'custom',
}

/** Property parts named by the package relationships (_rels/.rels), plus the usual paths. */
export function propertyParts(rootRels: string | undefined): Map<string, 'core' | 'app' | 'custom'> {
  const parts = new Map<string, 'core' | 'app' | 'custom'>([
    ['docProps/core.xml', 'core'],
    ['docProps/app.xml', 'app'],
    ['docProps/custom.xml', 'custom'],
  ])
  for (const rel of rootRels?.match(/<Relationship\b[^>]*>/g) ?? []) {
    const type = /\bType\s*=\s*"[^"]*\/([a-z-]+)"/.exec(rel)?.[1]
    const target = /\bTarget\s*=\s*"\/?([^"]*)"/.exec(rel)?.[1]
    const kind = type === undefined ? undefined : REL_TYPES[type]
    if (kind && target) parts.set(target, kind)
  }
  return parts
}

/** Attributes that name or identify a person in comments, tracked changes and people lists. */
const PERSON_ATTR = /(\s(?:[\w.-]+:)?(?:author|initials|userId|providerId)\s*=\s*)(?:"[^"]*"|'[^']*')/g
/** Revision and comment timestamps (w:date, w16du:dateUtc) are optional: removed outright. */
const DATE_ATTR = /\s(?:w|w15|w16du):date(?:Utc)?\s*=\s*(?:"[^"]*"|'[^']*')/g
/** Excel's legacy comments list their authors as <author>Name</author>. */
const AUTHOR_ELEMENT = /(<(?:[\w.-]+:)?author>)[^<]*(<\/(?:[\w.-]+:)?author>)/g
/** In people lists (people.xml, persons/person.xml, commentAuthors.xml, authors.xml) names too. */
const NAME_ATTR = /(\s(?:[\w.-]+:)?(?:name|displayName)\s*=\s*)(?:"[^"]*"|'[^']*')/g
const PEOPLE_PART = /(?:^|\/)(?:people|person|persons|commentAuthors|authors)\.xml$/i
/** Excel records the folder the workbook was saved in: C:\Users\<name>\… */
const ABS_PATH = /(<(?:[\w.-]+:)?absPath\b[^>]*\burl\s*=\s*)(?:"[^"]*"|'[^']*')/g
/** External relationships to local files (attached template, links) carry user folders. */
const LOCAL_TARGET = /(\bTarget\s*=\s*)"(?:file:[^"]*|[A-Za-z]:\\[^"]*|\\\\[^"]*)"/g

/**
 * Word's revision-save ids (w:rsidR, w:rsidRPr, w:rsidRDefault, w:rsidP, w:rsidDel, w:rsidSect,
 * w:rsidTr…): one per editing session, the same in every document edited in it, so they can
 * match a complaint to other files the complainant sent the agency. All optional.
 */
const RSID_ATTR = /\s[\w.-]+:rsid[A-Za-z]*\s*=\s*(?:"[^"]*"|'[^']*')/g
const SETTINGS_PART = /(?:^|\/)settings\.xml$/i
/**
 * In settings: the session id list (w:rsids), document variables that templates and add-ins
 * fill with user and department data (w:docVars), and the document's own id (w14/w15:docId),
 * which every copy of the file shares. All optional.
 */
const SETTINGS_DROP = ['rsids', 'docVars', 'docId']

export function scrubXml(name: string, xml: string): string {
  let out = xml
    .replace(PERSON_ATTR, '$1""')
    .replace(DATE_ATTR, '')
    .replace(AUTHOR_ELEMENT, '$1$2')
    .replace(ABS_PATH, '$1""')
    .replace(RSID_ATTR, '')
  if (PEOPLE_PART.test(name)) out = out.replace(NAME_ATTR, '$1""')
  if (name.endsWith('.rels')) out = out.replace(LOCAL_TARGET, '$1""')
  if (SETTINGS_PART.test(name)) for (const local of SETTINGS_DROP) out = dropElements(out, local)
  return out
}

/**
 * Removes every element with this local name (any prefix), empty or with content. Linear: each
 * opening tag is matched with indexOf of its closing tag, never by backtracking.
 */
function dropElements(xml: string, local: string): string {
  const open = new RegExp(`<([\\w.-]+:)?${local}\\b[^>]*>`, 'g')
  let out = ''
  let from = 0
  for (let m = open.exec(xml); m !== null; m = open.exec(xml)) {
    const selfClosing = m[0].endsWith('/>')
    const close = `</${m[1] ?? ''}${local}>`
    const end = selfClosing ? open.lastIndex : xml.indexOf(close, open.lastIndex)
    if (end < 0) break // unclosed: malformed, left for Office to refuse as it would
    out += xml.slice(from, m.index)
    from = selfClosing ? end : end + close.length
    open.lastIndex = from
  }
  return out + xml.slice(from)
}
