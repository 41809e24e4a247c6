// Reads the JSON Schemas of the OpenAPI document (rendered from the zod schemas the routes
// validate with, openapi.ts) into rows a person can read: one per field, nested fields by their
// dotted path, types in words, references to other schemas by name. /api/v1/docs shows them.

export type Json = { [k: string]: unknown }

/** A type as shown: words, some of them the name of another schema to link to. */
export type TypePart = { text: string; ref?: string }

export interface Row {
  name: string
  type: TypePart[]
  required: boolean
  notes: string[]
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const refName = (s: Json) => (typeof s.$ref === 'string' ? s.$ref.replace('#/components/schemas/', '') : null)

/** Constraints and descriptions of one schema, in the order a reader wants them. */
function notesOf(s: Json): string[] {
  const notes: string[] = []
  if (typeof s.description === 'string') notes.push(s.description)
  if (Array.isArray(s.enum)) notes.push(`one of: ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`)
  const bounds: [string, string][] = [
    ['minLength', 'min length'],
    ['maxLength', 'max length'],
    ['minimum', 'min'],
    ['maximum', 'max'],
    ['minItems', 'min items'],
    ['maxItems', 'max items'],
  ]
  for (const [key, words] of bounds) {
    const n = s[key]
    // zod's int() bounds every integer by the safe range: nothing a person needs to read.
    if (typeof n === 'number' && Math.abs(n) !== Number.MAX_SAFE_INTEGER) notes.push(`${words} ${n}`)
  }
  // A format (date-time, email, uri) says what its long generated pattern spells out.
  if (typeof s.format === 'string') notes.push(`format ${s.format}`)
  else if (typeof s.pattern === 'string') notes.push(`pattern ${s.pattern}`)
  if (s.default !== undefined) notes.push(`default ${JSON.stringify(s.default)}`)
  return notes
}

/** The variants of a union (anyOf/oneOf), or null. */
export function variantsOf(s: Json): Json[] | null {
  const list = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : null
  return list ? list.filter(isObj) : null
}

/** A type in words: `string`, `array of Run`, `Broadcast | null`, `"daily"`. */
export function typeOf(s: Json): TypePart[] {
  const ref = refName(s)
  if (ref) return [{ text: ref, ref }]
  if (s.const !== undefined) return [{ text: JSON.stringify(s.const) }]
  const variants = variantsOf(s)
  if (variants) {
    return variants.flatMap((v, i) => [...(i > 0 ? [{ text: ' | ' }] : []), ...typeOf(v)])
  }
  if (s.type === 'array')
    return [{ text: 'array of ' }, ...(isObj(s.items) ? typeOf(s.items) : [{ text: 'any' }])]
  if (Array.isArray(s.type)) return [{ text: s.type.join(' | ') }]
  if (typeof s.type === 'string') return [{ text: s.type }]
  return [{ text: 'any' }]
}

/** The discriminator of a union's variant: the first property with a constant, as `kind = "daily"`. */
export function variantLabel(s: Json): string | null {
  if (!isObj(s.properties)) return null
  for (const [name, prop] of Object.entries(s.properties)) {
    if (isObj(prop) && prop.const !== undefined) return `${name} = ${JSON.stringify(prop.const)}`
  }
  return null
}

/** What an object says of fields it does not list (zod's loose and strict objects). */
export function extraFields(s: Json): 'allowed' | 'refused' | null {
  if (s.additionalProperties === false) return 'refused'
  if (isObj(s.additionalProperties)) return 'allowed'
  return null
}

/** One row per field of an object schema, nested objects and arrays of objects included. */
export function rowsOf(s: Json, prefix = ''): Row[] {
  if (!isObj(s.properties)) return []
  const required = Array.isArray(s.required) ? s.required : []
  return Object.entries(s.properties).flatMap(([name, raw]) => {
    if (!isObj(raw)) return []
    const path = `${prefix}${name}`
    const row: Row = { name: path, type: typeOf(raw), required: required.includes(name), notes: notesOf(raw) }
    const items = raw.type === 'array' && isObj(raw.items) ? raw.items : null
    const nested = isObj(raw.properties) ? rowsOf(raw, `${path}.`) : items ? rowsOf(items, `${path}[].`) : []
    return [row, ...nested]
  })
}
