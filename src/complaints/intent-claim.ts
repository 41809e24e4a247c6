import { COMPLAINT_OFFER_INTENT } from '../conversation/catalogue.js'
import { CLARIFY_INTENT, type Understanding } from '../conversation/understanding.js'
import { understandingOf } from '../conversation/understanding-cache.js'
import { type FormHandlers, startForm } from '../dialogues/forms.js'
import type { HandlerRegistry, TextContext } from '../webhook/registry.js'
import { COMPLAINT_FORM } from './intake.js'
import { detectComplaintIntent } from './intent.js'

/**
 * In 1:1, a sentence with a complaint word that asks for something else the bot knows well:
 * following up a case ("ร้องเรียนไปนานแล้วยังไม่มีใครตอบ"), or a question answered elsewhere
 * ("ผลประโยชน์ทับซ้อนคืออะไร", "ช่องทางร้องเรียนมีอะไรบ้าง"). A statement stays an offer.
 */
function answeredElsewhere(u: Understanding): boolean {
  const intent = u.intent
  if (!intent || intent === 'complaint' || intent === COMPLAINT_OFFER_INTENT) return false
  // A case already filed, even when unsure: the bot asks, offering the follow-up first.
  if (u.topic === 'followup') return true
  return intent !== CLARIFY_INTENT && u.question
}

/**
 * What a text nobody understood leaves in the inbox: a complaint typed anywhere must look like
 * ordinary chatter there, never name the intent next to the chat it came from.
 */
const ordinary = (ctx: TextContext) => (ctx.addressed ? 'fallback' : 'text:unaddressed')

/**
 * Complaint intent anywhere in a text (intent.ts), before the intents run:
 * - in a group or room, mentioned or not: the pointer to the 1:1 chat and the advice to unsend,
 *   and nothing else: no engagement event, no log line, an inbox outcome like any chatter;
 * - in 1:1, a sentence gets an offer with a button that opens the complaint form (the sentence
 *   itself is not kept: it may be half a complaint, and the form asks with the promise first);
 *   a bare request ("ขอร้องเรียนครับ") opens the form at once, like the keyword alone.
 * Registered after the forms' claim, so a form waiting for an answer keeps it; exact commands
 * ("ร้องเรียน", "ติดตามเรื่องร้องเรียน") stay with their own handlers, and so do follow-ups and
 * questions the bot understands as something else (answeredElsewhere).
 */
export function registerComplaintIntent(registry: HandlerRegistry, forms: FormHandlers): void {
  registry.onTextClaim(async (ctx) => {
    const intent = detectComplaintIntent(ctx.text)
    const { flows } = ctx.deps
    if (ctx.event.source.type !== 'user') {
      const u = intent === 'none' ? understandingOf(flows).understand(ctx.text) : null
      // A flows keyword typed alone ("report") is a command even where the detector is wary.
      if (intent === 'none' && !(u?.exact && u.target === 'complaint')) return null
      await ctx.responder.reply(flows.render('group.pointer', {}, { chat: 'group' }))
      return ordinary(ctx)
    }
    if (intent === 'none') return null
    const u = understandingOf(flows).understand(ctx.text)
    if (u.exact || answeredElsewhere(u)) return null
    if (intent === 'command') await startForm(ctx, forms, COMPLAINT_FORM)
    else await ctx.responder.reply(flows.render('complaint.offer', {}, { chat: 'user' }))
    return ordinary(ctx)
  })
}
