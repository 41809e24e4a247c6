import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { ConsoleEnv } from './env.js'
import { consoleWords, type MessageKey } from './i18n.js'

// Post/redirect/get: a POST that changed something answers 303 to a page, and the outcome
// ("Scheduled.") travels in a short-lived cookie read once by that page. A reload of the page
// then neither resubmits the form nor repeats the message. Only a message key is stored, so
// the cookie cannot carry text of its own into the page.

const FLASH = 'admin_flash'
const COOKIE = { prefix: 'host', path: '/', secure: true, httpOnly: true, sameSite: 'Lax' } as const

export interface Flash {
  message: string
  error: boolean
}

export function redirectWithFlash<E extends ConsoleEnv>(
  c: Context<E>,
  to: string,
  key: MessageKey,
  error = false,
) {
  setCookie(c, FLASH, `${error ? 'e' : 'i'}.${key}`, { ...COOKIE, maxAge: 60 })
  return c.redirect(to, 303)
}

/** The message left by the last redirect, once; anything unexpected in the cookie is ignored. */
export function takeFlash<E extends ConsoleEnv>(c: Context<E>, t: (k: MessageKey) => string): Flash | null {
  const raw = getCookie(c, FLASH, 'host')
  if (raw === undefined) return null
  deleteCookie(c, FLASH, COOKIE)
  const m = /^([ei])\.(\w+)$/.exec(raw)
  const key = m?.[2]
  if (!m || !key || !consoleWords.has(key)) return null
  return { message: t(key), error: m[1] === 'e' }
}
