import { HTTPFetchError, messagingApi } from '@line/bot-sdk'
import type { RichMenuDef } from '../flows/types.js'
import { lineErrorDetail, networkDetail } from './outcome.js'
import { checkRichMenuImage, type RichMenuImage, toLineRichMenu, unfilledUris } from './richmenu-rules.js'

export {
  checkRichMenuImage,
  fillRichMenu,
  RICH_MENU_LIMITS,
  type RichMenuImage,
  toLineRichMenu,
} from './richmenu-rules.js'

/** The SDK calls the upload needs; both hosts, as separate clients like LINE's own SDK splits them. */
export interface RichMenuClients {
  api: Pick<
    messagingApi.MessagingApiClient,
    'validateRichMenuObject' | 'createRichMenu' | 'setDefaultRichMenu' | 'getRichMenuList' | 'deleteRichMenu'
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

export type UploadStep = 'definition' | 'image' | 'validate' | 'create' | 'upload image' | 'set default'

export type UploadResult =
  | { ok: true; richMenuId: string; deleted: string[]; warnings: string[] }
  | { ok: false; step: UploadStep; problems: string[]; cleanedUp: boolean }

const describeError = (err: unknown) =>
  err instanceof HTTPFetchError
    ? `LINE answered ${err.status}: ${lineErrorDetail(err.body, err.status)}`
    : networkDetail(err)

/**
 * validate → create → upload image → set as default for everyone → delete older menus of the
 * same name. A failure after create deletes the half-made menu, so a rerun starts clean.
 */
export async function uploadRichMenu(
  clients: RichMenuClients,
  def: RichMenuDef,
  image: RichMenuImage,
): Promise<UploadResult> {
  const menu = toLineRichMenu(def)
  if (!menu.ok) return { ok: false, step: 'definition', problems: menu.problems, cleanedUp: true }
  const unfilled = unfilledUris(def)
  if (unfilled.length > 0) return { ok: false, step: 'definition', problems: unfilled, cleanedUp: true }
  const imageProblems = checkRichMenuImage(image, def.size)
  if (imageProblems.length > 0) return { ok: false, step: 'image', problems: imageProblems, cleanedUp: true }
  const { api, blob } = clients
  let step: UploadStep = 'validate'
  let created: string | null = null
  try {
    await api.validateRichMenuObject(menu.value)
    step = 'create'
    created = (await api.createRichMenu(menu.value)).richMenuId
    step = 'upload image'
    await blob.setRichMenuImage(created, new Blob([new Uint8Array(image.bytes)], { type: image.contentType }))
    step = 'set default'
    await api.setDefaultRichMenu(created)
  } catch (err) {
    const cleanedUp =
      created === null ||
      (await api.deleteRichMenu(created).then(
        () => true,
        () => false,
      ))
    return { ok: false, step, problems: [describeError(err)], cleanedUp }
  }
  return { ok: true, richMenuId: created, ...(await deleteOlder(api, def.name, created)) }
}

/** The new menu is live by now: failing to tidy older ones is reported as warnings, not failure. */
async function deleteOlder(api: RichMenuClients['api'], name: string, keep: string) {
  const deleted: string[] = []
  const warnings: string[] = []
  let older: string[] = []
  try {
    const list = await api.getRichMenuList()
    older = list.richmenus.filter((m) => m.name === name && m.richMenuId !== keep).map((m) => m.richMenuId)
  } catch (err) {
    warnings.push(`could not list older menus named "${name}": ${describeError(err)}`)
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
