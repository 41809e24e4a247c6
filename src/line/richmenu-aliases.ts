import { HTTPFetchError, type messagingApi } from '@line/bot-sdk'

type AliasApi = Pick<
  messagingApi.MessagingApiClient,
  'getRichMenuAlias' | 'createRichMenuAlias' | 'updateRichMenuAlias' | 'deleteRichMenuAlias'
>

/** What an alias named before the upload moved it: restored if the upload fails after. */
export interface AliasMove {
  aliasId: string
  previous: string | null
}

/** The menu an alias names, or null when the channel has no such alias (LINE answers 404). */
export async function aliasTarget(api: AliasApi, aliasId: string): Promise<string | null> {
  try {
    return (await api.getRichMenuAlias(aliasId)).richMenuId
  } catch (err) {
    if (err instanceof HTTPFetchError && err.status === 404) return null
    throw err
  }
}

/** Points the alias at `richMenuId`, creating it the first time; returns how to undo it. */
export async function pointAlias(api: AliasApi, aliasId: string, richMenuId: string): Promise<AliasMove> {
  const previous = await aliasTarget(api, aliasId)
  if (previous === null) await api.createRichMenuAlias({ richMenuAliasId: aliasId, richMenuId })
  else await api.updateRichMenuAlias(aliasId, { richMenuId })
  return { aliasId, previous }
}

/** Puts aliases back as they were, newest move first; false when LINE refused one of them. */
export async function undoAliasMoves(api: AliasApi, moves: readonly AliasMove[]): Promise<boolean> {
  let ok = true
  for (const m of [...moves].reverse()) {
    try {
      if (m.previous === null) await api.deleteRichMenuAlias(m.aliasId)
      else await api.updateRichMenuAlias(m.aliasId, { richMenuId: m.previous })
    } catch {
      ok = false
    }
  }
  return ok
}
