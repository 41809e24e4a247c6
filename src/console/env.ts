import type { Context } from 'hono'
import type { Config } from '../config.js'
import type { Lang } from '../core/lang.js'
import type { Logger } from '../core/logger.js'
import type { Session } from './session.js'

// A console route's Hono environment as the kit sees it. The app's services (app-env.ts AppDeps)
// are typed by the capabilities that sit above the kit, so the kit names only what it reads of
// them, and app-env.ts fills in the rest (AdminEnv) for the routes.

/** What the kit itself reads of the app's services. */
export interface ConsoleDeps {
  config: Config
  log: Logger
}

/** What the header shows of the signed-in organization (orgs/profile.ts `brandOf` builds it). */
export interface HeaderBrand {
  name: string
  shortName: string
  logoUrl: string | null
}

export interface ConsoleVariables<D extends ConsoleDeps = ConsoleDeps> {
  deps: D
  lang: Lang
  nonce: string
  session: Session | null
  /** The signed-in organization's name and logo for the header; null before sign-in. */
  brand: HeaderBrand | null
}

export type ConsoleEnv<D extends ConsoleDeps = ConsoleDeps> = { Variables: ConsoleVariables<D> }

/**
 * A route's variables as the kit knows them. The kit's helpers take any console context (whatever
 * services the app put in `deps`), and Hono types `c.var` of such a generic context loosely: read
 * through this, they stay typed.
 */
export const varsOf = <E extends ConsoleEnv>(c: Context<E>): ConsoleVariables => c.var
