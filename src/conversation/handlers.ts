// Placeholder; replaced by the conversation module.
import type { HandlerRegistry } from '../webhook/registry.js'

export function registerConversation(registry: HandlerRegistry): void {
  registry.onIntent('help', async (ctx) => {
    await ctx.responder.reply(ctx.deps.flows.render('help'))
  })
  registry.onFallback(async (ctx) => {
    await ctx.responder.reply(ctx.deps.flows.render('fallback'))
  })
}
