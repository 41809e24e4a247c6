import type { Lang } from '../core/lang.js'
import type { HandlerRegistry, TextContext } from '../webhook/registry.js'
import type { PersonalMenus } from './menus.js'

/**
 * "English" / "ภาษาไทย" (typed, or the button under the menu and "about"): the person's language
 * from now on. In a group it is kept for their 1:1 chat; the group keeps the default. Their rich
 * menu follows (the English one linked, or the Thai default back) once the choice is stored and
 * answered, so a LINE failure there loses neither (contacts/menus.ts).
 */
export function registerLanguage(registry: HandlerRegistry, menus: PersonalMenus): void {
  const choose = (lang: Lang) => async (ctx: TextContext) => {
    const source = ctx.event.source
    const userId = source.userId
    if (!userId) return
    await ctx.deps.languages.choose(ctx.orgId, userId, lang)
    const messages =
      source.type === 'user'
        ? ctx.deps.flows.render('language.changed', {}, { chat: 'user', lang })
        : ctx.deps.flows.render('language.group', {}, { chat: 'group' })
    await ctx.responder.reply(messages)
    await menus.show(ctx, userId, lang, true)
  }
  registry.onIntent('language-en', choose('en'))
  registry.onIntent('language-th', choose('th'))
}
