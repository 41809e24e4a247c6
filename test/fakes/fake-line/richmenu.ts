import { readImageInfo } from '../../../src/line/image-size.js'
import { richMenuProblems } from './rules.js'
import { asRecord, badRequest, hex, invalid, notFound, ok, type Route } from './state.js'

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

export const richMenuRoutes: Route[] = [validate, create, list, remove, setDefault, getDefault, uploadImage]
