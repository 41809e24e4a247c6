import { DEFAULT_LANG, pick } from '../core/lang.js'
import { PLACEHOLDER } from '../core/messages.js'
import type { LineMessage } from '../line/port.js'
import type { RenderOptions, RenderValue } from './types.js'

/** A message template after loading: plain data, as LINE takes it, plus `groups` flags. */
export type Tree = string | number | boolean | null | Tree[] | { [key: string]: Tree }

export class FlowsRenderError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FlowsRenderError'
  }
}

/**
 * Fills placeholders on the object tree, never on serialized JSON: a value is only ever the
 * content of one string, so quotes or braces in it cannot change the message's structure, and
 * it is inserted once (a value containing "{{x}}" is not expanded again).
 */
function fill(tree: Tree, value: (name: string) => string): Tree {
  if (typeof tree === 'string') return tree.replace(PLACEHOLDER, (_m, name: string) => value(name))
  if (Array.isArray(tree)) return tree.map((t) => fill(t, value))
  if (tree && typeof tree === 'object') {
    const out: { [key: string]: Tree } = {}
    for (const [k, v] of Object.entries(tree)) out[k] = fill(v, value)
    return out
  }
  return tree
}

type Item = { groups?: Tree; [key: string]: Tree | undefined }

/** Drops the items meant for 1:1 chats only when rendering for a group, and the flag itself. */
function forAudience(message: Tree, chat: 'user' | 'group'): Tree {
  if (!message || typeof message !== 'object' || Array.isArray(message)) return message
  const quick = message.quickReply
  if (!quick || typeof quick !== 'object' || Array.isArray(quick) || !Array.isArray(quick.items)) {
    return message
  }
  const items = (quick.items as Item[])
    .filter((item) => chat === 'user' || item.groups !== false)
    .map(({ groups: _flag, ...rest }) => rest as Tree)
  const { quickReply: _old, ...rest } = message
  return items.length > 0 ? { ...rest, quickReply: { ...quick, items } } : rest
}

/** `template` is already in `opts.lang`; values given per language are taken in it too. */
export function renderTemplate(
  key: string,
  template: readonly Tree[],
  vars: Readonly<Record<string, RenderValue>>,
  opts: RenderOptions = {},
): LineMessage[] {
  const lang = opts.lang ?? DEFAULT_LANG
  const value = (name: string): string => {
    // Own properties only: "{{constructor}}" must not find Object.prototype.constructor.
    const v = Object.hasOwn(vars, name) ? vars[name] : undefined
    if (typeof v === 'string') return v
    if (v && typeof v === 'object' && typeof v.th === 'string') return pick(v, lang)
    throw new FlowsRenderError(`flows: message "${key}" needs a value for {{${name}}}`)
  }
  const chat = opts.chat ?? 'user'
  // The loader validated these trees against LINE's message schema.
  return template.map((m) => forAudience(fill(m, value), chat)) as unknown as LineMessage[]
}
