// The rich-menu operations of LINE's OpenAPI description (github.com/line/line-openapi,
// messaging-api.yml at 6e4c2a2: "RichMenu", "Default RichMenu", "RichMenu Alias" and "User
// RichMenu" paths, schemas RichMenuRequest, RichMenuArea, RichMenuBounds, the Action mapping,
// CreateRichMenuAliasRequest, UpdateRichMenuAliasRequest), written down as data: which method
// and path each operation has and what its body must be. The fake LINE answers 400 to a body
// that breaks them, and tests check every request they recorded with richMenuSpecProblems().
import { asRecord } from './state.js'

type BodyCheck = (body: unknown) => string[]

interface Operation {
  operationId: string
  method: string
  /** The spec's path template, `{param}` matching one segment. */
  path: string
  body?: BodyCheck
}

const isInt = (v: unknown, min: number) => Number.isInteger(v) && (v as number) >= min
const str = (v: unknown, at: string, o: { min?: number; max?: number; pattern?: RegExp } = {}) => {
  if (typeof v !== 'string') return [`${at}: must be a string`]
  const p: string[] = []
  if (o.min !== undefined && v.length < o.min) p.push(`${at}: minLength ${o.min}`)
  if (o.max !== undefined && v.length > o.max) p.push(`${at}: maxLength ${o.max}`)
  if (o.pattern && !o.pattern.test(v)) p.push(`${at}: must match ${o.pattern}`)
  return p
}
const optional = (v: unknown, check: () => string[]) => (v === undefined ? [] : check())

/** Action: the discriminator's mapping and each mapped schema's constraints. */
const ACTIONS: Record<string, (a: Record<string, unknown>, at: string) => string[]> = {
  message: (a, at) => optional(a.text, () => str(a.text, `${at}.text`)),
  postback: (a, at) => [
    ...optional(a.data, () => str(a.data, `${at}.data`, { min: 0, max: 300 })),
    ...optional(a.displayText, () => str(a.displayText, `${at}.displayText`)),
  ],
  uri: (a, at) =>
    optional(a.uri, () => {
      const p = str(a.uri, `${at}.uri`)
      return p.length > 0 || URL.canParse(String(a.uri)) ? p : [`${at}.uri: format uri`]
    }),
  richmenuswitch: (a, at) =>
    optional(a.richMenuAliasId, () => str(a.richMenuAliasId, `${at}.richMenuAliasId`, { max: 32 })),
  datetimepicker: () => [],
  camera: () => [],
  cameraRoll: () => [],
  location: () => [],
  clipboard: (a, at) => str(a.clipboardText, `${at}.clipboardText`, { min: 1, max: 1000 }),
}

function areaProblems(v: unknown, at: string): string[] {
  const area = asRecord(v)
  const b = asRecord(area.bounds)
  const p: string[] = []
  for (const k of ['x', 'y'] as const)
    if (b[k] !== undefined && !isInt(b[k], 0)) p.push(`${at}.bounds.${k}: integer ≥ 0`)
  for (const k of ['width', 'height'] as const) {
    if (b[k] !== undefined && !isInt(b[k], 1)) p.push(`${at}.bounds.${k}: integer ≥ 1`)
  }
  const action = asRecord(area.action)
  const check = typeof action.type === 'string' ? ACTIONS[action.type] : undefined
  if (!check) return [...p, `${at}.action.type: not in the Action discriminator mapping`]
  return [
    ...p,
    ...optional(action.label, () => str(action.label, `${at}.action.label`)),
    ...check(action, `${at}.action`),
  ]
}

/** RichMenuRequest (with RichMenuResponse's maxItems 20 for areas). */
const richMenuRequest: BodyCheck = (body) => {
  const m = asRecord(body)
  const size = asRecord(m.size)
  const p: string[] = []
  if (m.size !== undefined && !(isInt(size.width, 1) && isInt(size.height, 1)))
    p.push('size: width, height integers ≥ 1')
  if (m.selected !== undefined && typeof m.selected !== 'boolean') p.push('selected: must be a boolean')
  p.push(...optional(m.name, () => str(m.name, 'name', { max: 300 })))
  p.push(...optional(m.chatBarText, () => str(m.chatBarText, 'chatBarText', { max: 14 })))
  if (m.areas !== undefined) {
    if (!Array.isArray(m.areas)) p.push('areas: must be an array')
    else {
      if (m.areas.length > 20) p.push('areas: maxItems 20')
      m.areas.forEach((a, i) => {
        p.push(...areaProblems(a, `areas[${i}]`))
      })
    }
  }
  return p
}

const ALIAS_ID = { min: 1, max: 32, pattern: /^[a-z0-9_-]{1,32}$/ }

const OPERATIONS: Operation[] = [
  {
    operationId: 'validateRichMenuObject',
    method: 'POST',
    path: '/v2/bot/richmenu/validate',
    body: richMenuRequest,
  },
  { operationId: 'createRichMenu', method: 'POST', path: '/v2/bot/richmenu', body: richMenuRequest },
  { operationId: 'getRichMenuList', method: 'GET', path: '/v2/bot/richmenu/list' },
  {
    operationId: 'createRichMenuAlias',
    method: 'POST',
    path: '/v2/bot/richmenu/alias',
    body: (b) => {
      const o = asRecord(b)
      return [...str(o.richMenuAliasId, 'richMenuAliasId', ALIAS_ID), ...str(o.richMenuId, 'richMenuId')]
    },
  },
  { operationId: 'getRichMenuAlias', method: 'GET', path: '/v2/bot/richmenu/alias/{richMenuAliasId}' },
  {
    operationId: 'updateRichMenuAlias',
    method: 'POST',
    path: '/v2/bot/richmenu/alias/{richMenuAliasId}',
    body: (b) => str(asRecord(b).richMenuId, 'richMenuId'),
  },
  { operationId: 'deleteRichMenuAlias', method: 'DELETE', path: '/v2/bot/richmenu/alias/{richMenuAliasId}' },
  { operationId: 'setRichMenuImage', method: 'POST', path: '/v2/bot/richmenu/{richMenuId}/content' },
  { operationId: 'getRichMenu', method: 'GET', path: '/v2/bot/richmenu/{richMenuId}' },
  { operationId: 'deleteRichMenu', method: 'DELETE', path: '/v2/bot/richmenu/{richMenuId}' },
  { operationId: 'setDefaultRichMenu', method: 'POST', path: '/v2/bot/user/all/richmenu/{richMenuId}' },
  { operationId: 'getDefaultRichMenuId', method: 'GET', path: '/v2/bot/user/all/richmenu' },
  {
    operationId: 'linkRichMenuIdToUser',
    method: 'POST',
    path: '/v2/bot/user/{userId}/richmenu/{richMenuId}',
  },
  { operationId: 'unlinkRichMenuIdFromUser', method: 'DELETE', path: '/v2/bot/user/{userId}/richmenu' },
  { operationId: 'getRichMenuIdOfUser', method: 'GET', path: '/v2/bot/user/{userId}/richmenu' },
]

/** Literal segments win over `{params}`, as OpenAPI resolves `/richmenu/list` before `/richmenu/{id}`. */
function matches(op: Operation, method: string, path: string): number | null {
  if (op.method !== method) return null
  const want = op.path.split('/')
  const got = path.split('/')
  if (want.length !== got.length) return null
  let literal = 0
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? ''
    if (w.startsWith('{')) {
      if ((got[i] ?? '').length === 0) return null
    } else if (w === got[i]) literal++
    else return null
  }
  return literal
}

/** The operation a rich-menu request is, or null when the path is not one of them. */
export function richMenuOperation(method: string, path: string): Operation | null {
  let best: Operation | null = null
  let score = -1
  for (const op of OPERATIONS) {
    const s = matches(op, method, path)
    if (s !== null && s > score) {
      best = op
      score = s
    }
  }
  return best
}

/** Rich-menu paths: anything under /v2/bot/richmenu and the user/default menu paths. */
const RICH_MENU_PATH = /^\/v2\/bot\/(richmenu(\/|$)|user\/[^/]+\/richmenu(\/|$))/

/**
 * How a recorded request breaks the spec: a rich-menu path no operation has, or a body that
 * breaks its schema. Requests of other kinds (messages, insight) are not judged here.
 */
export function richMenuSpecProblems(req: { method: string; path: string; body: unknown }): string[] {
  if (!RICH_MENU_PATH.test(req.path)) return []
  const op = richMenuOperation(req.method, req.path)
  if (!op) return [`${req.method} ${req.path}: no such operation in messaging-api.yml`]
  return (op.body?.(req.body) ?? []).map((p) => `${op.operationId}: ${p}`)
}
