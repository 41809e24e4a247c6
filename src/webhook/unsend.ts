import { dropPendingMessage } from './inbox-repository.js'
import type { HandlerRegistry } from './registry.js'

/**
 * `unsend`: the user took a message back, so nothing stored from it may remain. The inbox
 * already dropped a pending copy at ingestion; this catches one parked since. Capabilities
 * that keep message-derived data register their own `unsend` handlers beside this one.
 */
export function registerUnsend(registry: HandlerRegistry): void {
  registry.onEvent('unsend', async (ctx) => {
    await dropPendingMessage(ctx.deps.db, ctx.orgId, ctx.event.unsend.messageId)
  })
}
