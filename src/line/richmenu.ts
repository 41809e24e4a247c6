import { HTTPFetchError, messagingApi } from '@line/bot-sdk'
import { LANGS, type Lang } from '../core/lang.js'
import { lineErrorDetail, networkDetail } from './outcome.js'
import { type AliasMove, pointAlias, undoAliasMoves } from './richmenu-aliases.js'
import type { RichMenuDef } from './richmenu-def.js'
import { menuName, RICH_MENU_ALIASES } from './richmenu-lang.js'
import { checkRichMenuImage, type RichMenuImage, toLineRichMenus, unfilledUris } from './richmenu-rules.js'

export { menuName, RICH_MENU_ALIASES, sharedTexts } from './richmenu-lang.js'
export {
  checkRichMenuImage,
  fillRichMenu,
  RICH_MENU_LIMITS,
  type RichMenuImage,
  toLineRichMenu,
  toLineRichMenus,
} from './richmenu-rules.js'

/** The SDK calls the upload needs; both hosts, as separate clients like LINE's own SDK splits them. */
export interface RichMenuClients {
  api: Pick<
    messagingApi.MessagingApiClient,
    | 'validateRichMenuObject'
    | 'createRichMenu'
    | 'setDefaultRichMenu'
    | 'getRichMenuList'
    | 'deleteRichMenu'
    | 'getRichMenuAlias'
    | 'createRichMenuAlias'
    | 'updateRichMenuAlias'
    | 'deleteRichMenuAlias'
  >
  blob: Pick<messagingApi.MessagingApiBlobClient, 'setRichMenuImage'>
}

export function createRichMenuClients(o: {
  accessToken: string
  apiBaseUrl: string
  dataApiBaseUrl: string
}): RichMenuClients {
  const config = { channelAccessToken: o.accessToken }
  return {
    api: new messagingApi.MessagingApiClient({ ...config, baseURL: o.apiBaseUrl }),
    blob: new messagingApi.MessagingApiBlobClient({ ...config, baseURL: o.dataApiBaseUrl }),
  }
}

export type UploadStep =
  | 'definition'
  | 'image'
  | 'validate'
  | 'create'
  | 'upload image'
  | 'alias'
  | 'set default'

export type UploadResult =
  | { ok: true; richMenuIds: Record<Lang, string>; deleted: string[]; warnings: string[] }
  /** `lang`: the menu the failing step was for, once LINE is asked. */
  | { ok: false; step: UploadStep; lang?: Lang; problems: string[]; cleanedUp: boolean }

const describeError = (err: unknown) =>
  err instanceof HTTPFetchError
    ? `LINE answered ${err.status}: ${lineErrorDetail(err.body, err.status)}`
    : networkDetail(err)

/** Image problems of both menus; the English one's named as such unless both share it. */
function imageProblems(images: Record<Lang, RichMenuImage>, size: RichMenuDef['size']): string[] {
  const th = checkRichMenuImage(images.th, size)
  const en = checkRichMenuImage(images.en, size).filter((p) => !th.includes(p))
  return [...th, ...en.map((p) => `English menu: ${p}`)]
}

/**
 * Both menus checked, then LINE validates both, before anything is made. Then each menu is
 * created with its image, the aliases `menu-th`/`menu-en` point at them, and the Thai one
 * becomes everyone's default; older menus of the same names are deleted last. A failure on the
 * way puts the aliases back and deletes what was made, so a rerun starts clean and the menus
 * people see are the ones from before.
 */
export async function uploadRichMenu(
  clients: RichMenuClients,
  def: RichMenuDef,
  images: Record<Lang, RichMenuImage>,
): Promise<UploadResult> {
  const menus = toLineRichMenus(def)
  if (!menus.ok) return { ok: false, step: 'definition', problems: menus.problems, cleanedUp: true }
  const unfilled = unfilledUris(def)
  if (unfilled.length > 0) return { ok: false, step: 'definition', problems: unfilled, cleanedUp: true }
  const badImages = imageProblems(images, def.size)
  if (badImages.length > 0) return { ok: false, step: 'image', problems: badImages, cleanedUp: true }
  const { api, blob } = clients
  let step: UploadStep = 'validate'
  let lang: Lang = 'th'
  const created: Partial<Record<Lang, string>> = {}
  const moves: AliasMove[] = []
  try {
    for (lang of LANGS) await api.validateRichMenuObject(menus.value[lang])
    for (lang of LANGS) {
      step = 'create'
      const id = (await api.createRichMenu(menus.value[lang])).richMenuId
      created[lang] = id
      step = 'upload image'
      const image = images[lang]
      await blob.setRichMenuImage(id, new Blob([new Uint8Array(image.bytes)], { type: image.contentType }))
    }
    step = 'alias'
    for (lang of LANGS) moves.push(await pointAlias(api, RICH_MENU_ALIASES[lang], created[lang] ?? ''))
    step = 'set default'
    lang = 'th'
    await api.setDefaultRichMenu(created.th ?? '')
  } catch (err) {
    const restored = await undoAliasMoves(api, moves)
    let deleted = true
    for (const id of Object.values(created)) {
      deleted =
        (await api.deleteRichMenu(id).then(
          () => true,
          () => false,
        )) && deleted
    }
    return { ok: false, step, lang, problems: [describeError(err)], cleanedUp: restored && deleted }
  }
  const ids = { th: created.th ?? '', en: created.en ?? '' }
  const tidy = await deleteOlder(
    api,
    LANGS.map((l) => ({ name: menuName(def, l), keep: ids[l] })),
  )
  return { ok: true, richMenuIds: ids, ...tidy }
}

/** The new menus are live by now: failing to tidy older ones is reported as warnings, not failure. */
async function deleteOlder(api: RichMenuClients['api'], menus: { name: string; keep: string }[]) {
  const deleted: string[] = []
  const warnings: string[] = []
  const keep = new Set(menus.map((m) => m.keep))
  const names = new Set(menus.map((m) => m.name))
  let older: string[] = []
  try {
    const list = await api.getRichMenuList()
    older = list.richmenus
      .filter((m) => names.has(m.name) && !keep.has(m.richMenuId))
      .map((m) => m.richMenuId)
  } catch (err) {
    warnings.push(`could not list older menus named ${[...names].join(', ')}: ${describeError(err)}`)
  }
  for (const id of older) {
    try {
      await api.deleteRichMenu(id)
      deleted.push(id)
    } catch (err) {
      warnings.push(`could not delete older menu ${id}: ${describeError(err)}`)
    }
  }
  return { deleted, warnings }
}
