import type { FailureLog } from '../core/failures.js'
import type { Keyring } from '../core/keyring.js'
import type { Lang } from '../core/lang.js'
import type { LinePort, SendResult } from '../line/port.js'
import { RICH_MENU_ALIASES } from '../line/richmenu-lang.js'
import { friendKey } from './keys.js'

/** How long the English menu's id, read from its alias, is trusted: an upload replaces the menu. */
const ALIAS_TTL_MS = 60_000
/** The wait before a failed link is tried again (on a later event), doubled per failure. */
const RETRY_FIRST_MS = 60_000
const RETRY_MAX_MS = 60 * 60_000
/** People this process remembers; the oldest are forgotten first (they get one more call). */
const PEOPLE_MAX = 10_000
/** A LINE call made while an answer waits gets this long, as the profile does (language.ts). */
const CALL_TIMEOUT_MS = 2_000

/** What a call needs of the event: EventContext (webhook/registry.ts) has it all. */
export interface MenuContext {
  orgId: string
  line: LinePort
  now: Date
  deps: { keyring: Keyring; failures: FailureLog }
}

/**
 * Which rich menu each person sees: the Thai one is every friend's default (richmenu:upload),
 * and the English one is linked to each person who reads English, through the LINE port.
 *
 * Nothing is stored: LINE keeps the link, and this process remembers, under the friend key
 * (an HMAC), what it last made LINE show, so an event of a person whose menu is right costs no
 * call. A menu an upload replaced (deleted: LINE shows those people the default again) is
 * noticed when the alias names another menu, and the person is linked again at their next
 * event. A failure never touches the language or the answer; it is logged once and tried again
 * at a later event of the person's, after a wait that doubles.
 */
export interface PersonalMenus {
  /**
   * The menu of `lang` for this person. `chosen`: they just chose (or just followed), so LINE
   * is asked whatever this process believes it shows. Never throws.
   */
  show(ctx: MenuContext, userId: string, lang: Lang, chosen: boolean): Promise<void>
  /** A person who blocked the account: nothing kept of them. */
  forget(ctx: MenuContext, userId: string): Promise<void>
}

interface Person {
  /** The English menu LINE shows them, null for the default, undefined after a failure. */
  shown: string | null | undefined
  failures: number
  retryAt: number
}

type Failure = { status: number | null; detail: string }
type Outcome = { ok: true } | ({ ok: false } & Failure)

class MenuLinkError extends Error {
  override name = 'MenuLinkError'
}

export function createPersonalMenus(): PersonalMenus {
  const people = new Map<string, Person>()
  const english = new Map<string, { id: string | null; at: number }>()

  const remember = (key: string, p: Person) => {
    people.delete(key)
    if (people.size >= PEOPLE_MAX) {
      const oldest = people.keys().next()
      if (!oldest.done) people.delete(oldest.value)
    }
    people.set(key, p)
  }

  /** The English menu of the organization's channel, from its alias; null when none was uploaded. */
  const englishMenu = async (ctx: MenuContext): Promise<string | null> => {
    const known = english.get(ctx.orgId)
    if (known && ctx.now.getTime() - known.at < ALIAS_TTL_MS) return known.id
    const id = await bounded(ctx.line.getRichMenuAlias(RICH_MENU_ALIASES.en))
    english.set(ctx.orgId, { id, at: ctx.now.getTime() })
    return id
  }

  const fail = (ctx: MenuContext, key: string, before: Person | undefined, lang: Lang, f: Failure) => {
    const count = (before?.shown === undefined ? (before?.failures ?? 0) : 0) + 1
    const wait = Math.min(RETRY_FIRST_MS * 2 ** (count - 1), RETRY_MAX_MS)
    remember(key, { shown: undefined, failures: count, retryAt: ctx.now.getTime() + wait })
    // The alias may name a menu that was since replaced: read it again next time.
    english.delete(ctx.orgId)
    // Once per person until it works again (and once per cause a minute: core/failures.ts).
    if (count > 1) return
    ctx.deps.failures.report('richmenu.link_failed', new MenuLinkError(f.detail), {
      lang,
      status: f.status,
      retryInMs: wait,
    })
  }

  return {
    async show(ctx, userId, lang, chosen) {
      const key = `${ctx.orgId}\u0000${await friendKey(ctx.deps.keyring, userId)}`
      const before = people.get(key)
      if (!chosen && before && ctx.now.getTime() < before.retryAt) return
      let outcome: Outcome
      let target: string | null = null
      try {
        if (lang === 'en') {
          target = await englishMenu(ctx)
          // No English menu on this channel (never uploaded, or local mode): the default stays.
          if (target === null) return
        }
        // Never linked by this process and Thai: the default shows already.
        if (!chosen && (before ? before.shown === target : target === null)) return
        outcome = toOutcome(
          await bounded(target ? ctx.line.linkRichMenu(userId, target) : ctx.line.unlinkRichMenu(userId)),
        )
      } catch (err) {
        outcome = { ok: false, status: null, detail: err instanceof Error ? err.message : 'failed' }
      }
      if (outcome.ok) remember(key, { shown: target, failures: 0, retryAt: 0 })
      else fail(ctx, key, before, lang, outcome)
    },
    async forget(ctx, userId) {
      people.delete(`${ctx.orgId}\u0000${await friendKey(ctx.deps.keyring, userId)}`)
    },
  }
}

function toOutcome(r: SendResult): Outcome {
  if (r.kind === 'accepted') return { ok: true }
  return { ok: false, status: r.status, detail: `${r.kind}: ${r.detail}` }
}

/** The call, or a failure once CALL_TIMEOUT_MS passes (the call itself is left to finish). */
async function bounded<T>(call: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer from LINE in ${CALL_TIMEOUT_MS} ms`)),
      CALL_TIMEOUT_MS,
    )
  })
  try {
    return await Promise.race([call, late])
  } finally {
    clearTimeout(timer)
  }
}
