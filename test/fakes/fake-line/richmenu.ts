import { readImageInfo } from '../../../src/line/image-size.js'
import { richMenuProblems } from './rules.js'
import {
  asRecord,
  badRequest,
  type FakeState,
  hex,
  invalid,
  LINE_CHAT_ID,
  notFound,
  ok,
  type Route,
} from './state.js'

const MAX_IMAGE_BYTES = 1024 * 1024

const validate: Route = {
  method: 'POST',
  pattern: /^\/v2\/bot\/richmenu\/validate$/,
  handle(req) {
    const problems = richMenuProblems(req.json)
    return problems.length > 0 ? invalid(problems) : ok()
  },
}

const create: Route = {
  method: 'POST',
  pattern: /^\/v2\/bot\/richmenu$/,
  handle(req, _params, { state }) {
    const problems = richMenuProblems(req.json)
    if (problems.length > 0) return invalid(problems)
    const richMenuId = `richmenu-${hex(16)}`
    state.richMenus.set(richMenuId, { richMenuId, menu: asRecord(req.json), image: null })
    return ok({ richMenuId })
  },
}

const list: Route = {
  method: 'GET',
  pattern: /^\/v2\/bot\/richmenu\/list$/,
  handle: (_req, _params, { state }) =>
    ok({ richmenus: [...state.richMenus.values()].map((m) => ({ richMenuId: m.richMenuId, ...m.menu })) }),
}

const remove: Route = {
  method: 'DELETE',
  pattern: /^\/v2\/bot\/richmenu\/([^/]+)$/,
  handle(_req, [id = ''], { state }) {
    if (!state.richMenus.delete(id)) return notFound()
    if (state.defaultRichMenuId === id) state.defaultRichMenuId = null
    // People it was linked to see the default again.
    for (const [user, menu] of state.userRichMenus) if (menu === id) state.userRichMenus.delete(user)
    return ok()
  },
}

const setDefault: Route = {
  method: 'POST',
  pattern: /^\/v2\/bot\/user\/all\/richmenu\/([^/]+)$/,
  handle(_req, [id = ''], { state }) {
    const menu = state.richMenus.get(id)
    if (!menu) return notFound()
    if (!menu.image) return badRequest('must upload richmenu image before applying it to user')
    state.defaultRichMenuId = id
    return ok()
  },
}

const getDefault: Route = {
  method: 'GET',
  pattern: /^\/v2\/bot\/user\/all\/richmenu$/,
  handle: (_req, _params, { state }) =>
    state.defaultRichMenuId ? ok({ richMenuId: state.defaultRichMenuId }) : notFound(),
}

/** Served on the data host (api-data.line.me) in production. An image is set once, never replaced. */
const uploadImage: Route = {
  method: 'POST',
  pattern: /^\/v2\/bot\/richmenu\/([^/]+)\/content$/,
  handle(req, [id = ''], { state }) {
    const menu = state.richMenus.get(id)
    if (!menu) return notFound()
    if (menu.image) return badRequest('An image has already been uploaded to the richmenu')
    const type = req.headers['content-type'] ?? ''
    if (type !== 'image/png' && type !== 'image/jpeg')
      return { status: 415, body: { message: 'Unsupported Media Type' } }
    if (req.raw.length > MAX_IMAGE_BYTES)
      return { status: 413, body: { message: 'Request Entity Too Large' } }
    const info = readImageInfo(req.raw)
    const size = asRecord(menu.menu.size)
    if (!info || info.contentType !== type) return badRequest(`The image could not be read as ${type}`)
    if (info.width !== size.width || info.height !== size.height) {
      return badRequest('The image size does not match the rich menu size')
    }
    menu.image = { contentType: type, bytes: req.raw }
    return ok()
  },
}

/** A menu that can be shown: it exists and has its image (LINE refuses an alias or link before). */
function showable(state: FakeState, id: unknown) {
  const menu = typeof id === 'string' ? state.richMenus.get(id) : undefined
  if (!menu) return badRequest('richmenu not found')
  if (!menu.image) return badRequest('must upload richmenu image before applying it to user')
  return null
}

const createAlias: Route = {
  method: 'POST',
  pattern: /^\/v2\/bot\/richmenu\/alias$/,
  handle(req, _params, { state }) {
    const body = asRecord(req.json)
    const aliasId = String(body.richMenuAliasId)
    if (state.richMenuAliases.has(aliasId)) return badRequest('conflict richmenu alias id')
    const refused = showable(state, body.richMenuId)
    if (refused) return refused
    state.richMenuAliases.set(aliasId, String(body.richMenuId))
    return ok()
  },
}

const getAlias: Route = {
  method: 'GET',
  pattern: /^\/v2\/bot\/richmenu\/alias\/([^/]+)$/,
  handle(_req, [aliasId = ''], { state }) {
    const richMenuId = state.richMenuAliases.get(aliasId)
    return richMenuId ? ok({ richMenuAliasId: aliasId, richMenuId }) : notFound()
  },
}

const updateAlias: Route = {
  method: 'POST',
  pattern: /^\/v2\/bot\/richmenu\/alias\/([^/]+)$/,
  handle(req, [aliasId = ''], { state }) {
    if (!state.richMenuAliases.has(aliasId)) return notFound()
    const richMenuId = asRecord(req.json).richMenuId
    const refused = showable(state, richMenuId)
    if (refused) return refused
    state.richMenuAliases.set(aliasId, String(richMenuId))
    return ok()
  },
}

const deleteAlias: Route = {
  method: 'DELETE',
  pattern: /^\/v2\/bot\/richmenu\/alias\/([^/]+)$/,
  handle: (_req, [aliasId = ''], { state }) => (state.richMenuAliases.delete(aliasId) ? ok() : notFound()),
}

const link: Route = {
  method: 'POST',
  pattern: /^\/v2\/bot\/user\/([^/]+)\/richmenu\/([^/]+)$/,
  handle(_req, [userId = '', richMenuId = ''], { state }) {
    if (!LINE_CHAT_ID.test(userId) || !userId.startsWith('U')) return badRequest('Invalid user ID')
    const menu = state.richMenus.get(richMenuId)
    if (!menu) return notFound()
    if (!menu.image) return badRequest('must upload richmenu image before applying it to user')
    state.userRichMenus.set(userId, richMenuId)
    return ok()
  },
}

const unlink: Route = {
  method: 'DELETE',
  pattern: /^\/v2\/bot\/user\/([^/]+)\/richmenu$/,
  handle(_req, [userId = ''], { state }) {
    if (!LINE_CHAT_ID.test(userId) || !userId.startsWith('U')) return badRequest('Invalid user ID')
    state.userRichMenus.delete(userId)
    return ok()
  },
}

const ofUser: Route = {
  method: 'GET',
  pattern: /^\/v2\/bot\/user\/([^/]+)\/richmenu$/,
  handle(_req, [userId = ''], { state }) {
    const richMenuId = state.userRichMenus.get(userId)
    return richMenuId ? ok({ richMenuId }) : notFound()
  },
}

// Aliases before `/richmenu/{id}`: "alias" is not a menu id.
export const richMenuRoutes: Route[] = [
  validate,
  create,
  list,
  createAlias,
  getAlias,
  updateAlias,
  deleteAlias,
  remove,
  setDefault,
  getDefault,
  uploadImage,
  link,
  unlink,
  ofUser,
]
