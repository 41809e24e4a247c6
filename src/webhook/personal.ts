import type { Lang } from '../core/lang.js'
import type { LineMessage } from '../line/port.js'
import type { Source } from './events.js'
import type { EventContext } from './registry.js'

/** How to answer one person about something only they did (a quiz answer). */
export interface PersonalAnswer {
  lang: Lang
  /** Who the answer is rendered for: a 1:1 chat, except a group member LINE did not name. */
  chat: 'user' | 'group'
  reply(messages: LineMessage[]): Promise<unknown>
}

/**
 * Quiet groups (README "Quiet groups"): what one member does in a group is answered in their
 * own 1:1 chat, in their language, never to the whole group. A member LINE does not name gets
 * no answer at all. In a 1:1 chat this is the ordinary reply.
 */
export async function answerPerson(ctx: EventContext<{ source?: Source }>): Promise<PersonalAnswer> {
  const source = ctx.event.source
  if (source?.type === 'user') {
    return { lang: ctx.lang, chat: 'user', reply: (messages) => ctx.responder.reply(messages) }
  }
  const userId = source?.userId
  if (!userId) return { lang: ctx.lang, chat: 'group', reply: async () => null }
  const lang = await ctx.deps.languages.ofPerson(ctx.orgId, userId, ctx.line)
  return { lang, chat: 'user', reply: (messages) => ctx.responder.reply(messages, { privately: true }) }
}
