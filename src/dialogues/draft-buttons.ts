import type { LineMessage } from '../line/port.js'
import type { FormState } from './sessions.js'

// Every button of a draft names the draft, not only its form: a button kept from a form that
// was sent, cancelled, expired or started over must never act on the draft open now, even a
// draft of the same form (forms.ts answers it instead, leave.ts says what happened).

/** Where a draft keeps its id among its answers (sessions.ts): sealed with them, never filed. */
export const DRAFT_ID = '_d'

/** A short random id: it tells one person's drafts apart and means nothing else. */
export function newDraftId(): string {
  return [...crypto.getRandomValues(new Uint8Array(4))].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** Whether a button (its postback data) belongs to this draft. */
export function sameDraft(state: FormState, params: URLSearchParams): boolean {
  if (params.get('id') !== state.formId) return false
  // A draft opened before drafts had ids takes the buttons it was given, which had none.
  return (params.get('d') ?? '') === (state.answers[DRAFT_ID] ?? '')
}

const FORM_ACTION = /^action=form(-[a-z-]+)?&/

/** The message with this draft's id added to every form button of it (quick replies included). */
export function stampDraft(message: LineMessage, state: FormState): LineMessage {
  const id = state.answers[DRAFT_ID]
  if (id === undefined) return message
  const stamp = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(stamp)
    if (!v || typeof v !== 'object') return v
    const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, stamp(x)]))
    if (typeof o.data === 'string' && FORM_ACTION.test(o.data)) {
      const params = new URLSearchParams(o.data)
      if (params.get('id') === state.formId && params.get('d') === null) {
        params.set('d', id)
        o.data = params.toString()
      }
    }
    return o
  }
  return stamp(message) as LineMessage
}
