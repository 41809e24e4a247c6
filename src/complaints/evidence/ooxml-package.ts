import { strFromU8, strToU8 } from 'fflate'

// The package level of an Office file: which parts exist and how relationships tie them. Custom
// XML parts (customXml/) are where document-management systems, SharePoint and add-ins store
// the author's account, department and file paths; Office needs none of them to open the
// document, so they go, with every relationship and content-type entry that names them.

type Parts = Record<string, Uint8Array>

const CUSTOM_XML = /^customXml\//i
const RELATIONSHIP = /<(?:[\w.-]+:)?Relationship\b[^>]*?(?:\/>|>\s*<\/(?:[\w.-]+:)?Relationship>)/g
const OVERRIDE = /<(?:[\w.-]+:)?Override\b[^>]*?(?:\/>|>\s*<\/(?:[\w.-]+:)?Override>)/g
const OFFICE_DOCUMENT = /\/officeDocument$/

const attr = (tag: string, name: string): string | undefined =>
  new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined)

/** The part a relationship points to, as a zip entry name; undefined for an external target. */
export function resolveTarget(relsName: string, tag: string): string | undefined {
  if (attr(tag, 'TargetMode') === 'External') return undefined
  const target = attr(tag, 'Target')
  if (target === undefined) return undefined
  // word/_rels/document.xml.rels describes word/document.xml: targets are relative to word/.
  const base = relsName
    .replace(/(?:^|\/)_rels\/[^/]*$/, '')
    .split('/')
    .filter(Boolean)
  const path = target.startsWith('/') ? [] : base
  for (const seg of safeDecode(target).split('/')) {
    if (seg === '..') path.pop()
    else if (seg !== '.' && seg !== '') path.push(seg)
  }
  return path.join('/')
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

const isCustomXmlRel = (relsName: string, tag: string): boolean =>
  /\/customXml(?:Props)?$/i.test(attr(tag, 'Type') ?? '') ||
  CUSTOM_XML.test(resolveTarget(relsName, tag) ?? '')

/** Removes customXml/ parts, the relationships to them and their content-type overrides. */
export function dropCustomXml(parts: Parts): void {
  for (const name of Object.keys(parts)) if (CUSTOM_XML.test(name)) delete parts[name]
  for (const [name, data] of Object.entries(parts)) {
    if (!name.endsWith('.rels')) continue
    const xml = strFromU8(data)
    const kept = xml.replace(RELATIONSHIP, (tag) => (isCustomXmlRel(name, tag) ? '' : tag))
    if (kept !== xml) parts[name] = strToU8(kept)
  }
  const types = parts['[Content_Types].xml']
  if (types) {
    const xml = strFromU8(types)
    const kept = xml.replace(OVERRIDE, (tag) =>
      CUSTOM_XML.test(attr(tag, 'PartName')?.replace(/^\//, '') ?? '') ? '' : tag,
    )
    if (kept !== xml) parts['[Content_Types].xml'] = strToU8(kept)
  }
}

/** Office opens a package from its main part: the package must still point at one that exists. */
export function hasMainPart(parts: Parts): boolean {
  const rels = parts['_rels/.rels']
  if (!rels) return false
  // Part names are case-insensitive (OPC); zip entry names are not.
  const names = new Set(Object.keys(parts).map((n) => n.toLowerCase()))
  return (strFromU8(rels).match(RELATIONSHIP) ?? []).some((tag) => {
    if (!OFFICE_DOCUMENT.test(attr(tag, 'Type') ?? '')) return false
    return names.has(resolveTarget('_rels/.rels', tag)?.toLowerCase() ?? '')
  })
}
