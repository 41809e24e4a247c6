import type { EventContext, HandlerRegistry } from '../webhook/registry.js'
import type { PersonalMenus } from './menus.js'

type Ctx = EventContext<{ source: { type: string; userId?: string } }>

/** The person of a 1:1 chat; in groups the menu is not shown and the chat's language is not theirs. */
const personOf = (ctx: Ctx): string | null =>
  ctx.event.source.type === 'user' ? (ctx.event.source.userId ?? null) : null

/**
 * Each person's rich menu follows their language (contacts/menus.ts): linked at the follow
 * when their LINE is in English (registered after the greeting, so it waits on no link), and
 * checked at each of their events, which links again a menu an upload replaced and retries a
 * link that failed. The choice itself ("English" / "ภาษาไทย") links in language-handlers.ts.
 */
export function registerPersonalMenus(registry: HandlerRegistry, menus: PersonalMenus): void {
  const keep = async (ctx: Ctx) => {
    const userId = personOf(ctx)
    if (userId) await menus.show(ctx, userId, ctx.lang, false)
  }
  registry.onEvent('follow', async (ctx) => {
    const userId = personOf(ctx)
    if (userId) await menus.show(ctx, userId, ctx.lang, ctx.lang === 'en')
  })
  registry.onEvent('message', keep)
  registry.onEvent('postback', keep)
  registry.onEvent('unfollow', async (ctx) => {
    const userId = personOf(ctx)
    if (userId) await menus.forget(ctx, userId)
  })
}
