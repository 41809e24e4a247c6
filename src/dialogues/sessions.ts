import { utf8 } from '../core/bytes.js'
import { localDay } from '../core/time/index.js'
import type { HandlerDeps } from '../webhook/registry.js'
import { deleteSession, findSession, saveSession } from './repository.js'

/** How long a half-filled form waits for its next answer before it is destroyed. */
export const SESSION_TTL_MS = 30 * 60_000

/** The step of a parked form: ready for this person, waiting for a button to resume it. */
export const PARKED = -1

export interface FormState {
  formId: string
  /** Index of the field being asked; fields.length = waiting for "submit". */
  step: number
  /**
   * Answers by field id, plus bookkeeping under reserved keys (field ids start with a letter):
   * `_m_<field>` the LINE message an answer came from (for unsend), `_n_<field>` attachments
   * received so far, `_d` the draft's id (its buttons carry it: draft-buttons.ts), `_p` set while
   * the person has left the form for something else (leave.ts).
   */
  answers: Record<string, string>
}

/** A stored draft: its state, and when it is destroyed unless answered before. */
export interface StoredState extends FormState {
  expiresAt: Date
}

/** Set while a draft waits, paused, for the person to come back to it: typed text is not an answer. */
export const PAUSED = '_p'
export const isPaused = (state: FormState) => state.answers[PAUSED] === '1'

/**
 * The session key changes every day (HMAC of the day and the user id under its own purpose),
 * so a draft cannot be joined to engagement events, to yesterday's draft, or to anything a
 * complaint leaves behind. A form left open across midnight simply expires.
 */
export function sessionKey(deps: HandlerDeps, orgId: string, userId: string, now: Date): Promise<string> {
  return deps.keyring.pseudonym(`dialogue:${localDay(now, deps.config.timeZone)}`, `${orgId}\u0000${userId}`)
}

export async function loadState(deps: HandlerDeps, orgId: string, key: string, now: Date) {
  const row = await findSession(deps.db, orgId, key, now)
  if (!row) return null
  const plain = await deps.keyring.open(row.key_id, row.answers)
  const answers = JSON.parse(new TextDecoder().decode(plain)) as Record<string, string>
  return {
    formId: row.form_id,
    step: row.step,
    answers,
    expiresAt: new Date(row.expires_at),
  } satisfies StoredState
}

export function storeState(
  deps: HandlerDeps,
  orgId: string,
  key: string,
  state: FormState,
  now: Date,
  ttlMs = SESSION_TTL_MS,
): Promise<void> {
  return keepState(deps, orgId, key, state, now, new Date(now.getTime() + ttlMs))
}

/**
 * Writes a draft that dies at `expiresAt`. Leaving, coming back to and pausing a draft keep the
 * time it already had (README: nothing of a draft is kept longer than its lifetime since the
 * last answer); only an answer starts it again.
 */
export async function keepState(
  deps: HandlerDeps,
  orgId: string,
  key: string,
  state: FormState,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  await saveSession(deps.db, {
    org_id: orgId,
    session_key: key,
    form_id: state.formId,
    step: state.step,
    answers: await deps.keyring.seal(utf8(JSON.stringify(state.answers))),
    key_id: deps.keyring.keyId,
    expires_at: expiresAt,
    updated_at: now,
  })
}

export const dropState = (deps: HandlerDeps, orgId: string, key: string) => deleteSession(deps.db, orgId, key)
