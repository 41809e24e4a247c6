import { type Bilingual, type Lang, type Localized, pick } from '../core/lang.js'
import { defineMessages } from '../core/messages.js'
import { formatDay } from '../core/time/index.js'
import { type FormHandlers, resumeParked, startForm } from '../dialogues/forms.js'
import { loadState, PARKED, sessionKey } from '../dialogues/sessions.js'
import type { RenderValue } from '../flows/types.js'
import type { HandlerRegistry } from '../webhook/registry.js'
import { draftFileCallbacks } from './drafts.js'
import { submitNotifyOff, submitReply } from './filings.js'
import { openAsComplainant } from './follow-access.js'
import { attachEvidence, COMPLAINT_FORM, registerComplaintForm, SUBMIT_BUSY } from './intake.js'
import type { ComplainantView } from './service.js'
import type { CaseStatus, Outcome } from './tables.js'

const FOLLOW_UP = 'complaint.followup'
const REPLY = 'complaint.reply'
/** How long "reply" stays ready after the code and secret were checked. */
const REPLY_WINDOW_MS = 15 * 60_000

const statusWords = defineMessages({
  received: ['รับเรื่องแล้ว รอการตอบรับ', 'received, awaiting acknowledgement'],
  acknowledged: ['ตอบรับเรื่องแล้ว', 'acknowledged'],
  under_review: ['อยู่ระหว่างการพิจารณา', 'under review'],
  investigating: ['อยู่ระหว่างการตรวจสอบข้อเท็จจริง', 'being investigated'],
  closed: ['ปิดเรื่องแล้ว', 'closed'],
} as const satisfies Record<CaseStatus, Bilingual>)
const outcomeWords = defineMessages({
  substantiated: ['มีมูล', 'substantiated'],
  unsubstantiated: ['ไม่มีมูล', 'unsubstantiated'],
  referred: ['ส่งต่อหน่วยงานที่มีอำนาจ', 'referred to the competent agency'],
} as const satisfies Record<Outcome, Bilingual>)
const followWords = defineMessages({
  officer: ['เจ้าหน้าที่', 'Officer'],
  you: ['ท่าน', 'You'],
  dates: [
    'รับเรื่อง {{received}} · ตอบรับภายใน {{ackDue}} · แจ้งผลภายใน {{feedbackDue}} · หลักฐาน {{evidence}} รายการ',
    'Received {{received}} · acknowledgement due {{ackDue}} · feedback due {{feedbackDue}} · {{evidence}} piece(s) of evidence',
  ],
  noMessages: ['ยังไม่มีข้อความ', 'No messages yet.'],
})

/** Status, dates and the thread as the complainant reads them, in each language, within LINE's 5,000. */
export function statusVars(v: ComplainantView): Record<string, RenderValue> {
  const per = (f: (lang: Lang) => string): Localized => ({ th: f('th'), en: f('en') })
  const thread = per((lang) =>
    v.messages
      .map(
        (m) =>
          `• ${formatDay(m.sentOn, lang)} ${followWords(lang)(m.author === 'officer' ? 'officer' : 'you')}: ${m.text}`,
      )
      .join('\n'),
  )
  // A status or outcome this version has no words for (a newer row) shows as stored.
  const status = per((lang) => {
    const s: string = v.status
    const o: string | null = v.outcome
    const said = statusWords.has(s) ? statusWords(lang)(s) : s
    return `${said}${o ? `: ${outcomeWords.has(o) ? outcomeWords(lang)(o) : o}` : ''}`
  })
  const dates = per((lang) =>
    followWords(lang)('dates', {
      received: formatDay(v.receivedOn, lang),
      ackDue: formatDay(v.ackDue, lang),
      feedbackDue: formatDay(v.feedbackDue, lang),
      evidence: v.evidence,
    }),
  )
  const threadIn = (lang: Lang) => {
    const text = pick(thread, lang)
    const budget = 4000 - pick(status, lang).length - pick(dates, lang).length
    if (text.length === 0) return followWords(lang)('noMessages')
    return text.length > budget ? `…${text.slice(-budget)}` : text
  }
  return {
    caseCode: v.code,
    caseStatus: status,
    caseDates: dates,
    caseThread: per(threadIn),
  }
}

/**
 * Complaints in LINE: intake (1:1 only; in a group, a pointer and nothing kept), follow-up by
 * code and secret, and the two-way thread: replies and more evidence, still anonymous.
 */
export function registerComplaints(registry: HandlerRegistry, forms: FormHandlers): void {
  registerComplaintForm(forms)
  registry.onIntent('complaint', (ctx) =>
    ctx.event.source.type === 'user'
      ? startForm(ctx, forms, COMPLAINT_FORM)
      : ctx.responder
          .reply(ctx.deps.flows.render('group.pointer', {}, { chat: 'group' }))
          .then(() => undefined),
  )
  registry.onIntent('complaint-followup', (ctx) => startForm(ctx, forms, FOLLOW_UP))
  registry.onPostback('complaint-followup', (ctx) => startForm(ctx, forms, FOLLOW_UP))
  registry.onPostback('complaint-reply', (ctx) => resumeParked(ctx, forms, REPLY, ctx.params))
  // "Delete my LINE ID from the case": allowed right after the code and secret were checked.
  registry.onPostback('complaint-notify-off', async (ctx) => {
    const userId = ctx.event.source.type === 'user' ? ctx.event.source.userId : null
    const key = userId ? await sessionKey(ctx.deps, ctx.orgId, userId, ctx.now) : null
    const parked = key ? await loadState(ctx.deps, ctx.orgId, key, ctx.now) : null
    const caseId = parked?.formId === REPLY && parked.step === PARKED ? parked.answers._case : undefined
    if (!caseId) return void (await ctx.responder.reply(ctx.deps.flows.render('form.expired')))
    await submitNotifyOff(ctx.deps.db, ctx.deps.keyring, ctx.orgId, caseId)
    await ctx.responder.reply(
      ctx.deps.flows.render('complaint.notifyOff', {
        entryTime: ctx.deps.config.env.COMPLAINT_ENTRY_TIME,
      }),
    )
  })
  // A complainant's presses are never logged, not even keyless (engagement/presses.ts).
  registry.keepPressesUnlinkable(['complaint-followup', 'complaint-reply', 'complaint-notify-off'])

  forms.keepUnlinkable(FOLLOW_UP, REPLY)
  forms.configure(FOLLOW_UP, {
    submit: async (ctx, a, draft) => {
      // The guesser is the LINE user, known here only by the day's session key.
      const r = await openAsComplainant(ctx.deps.db, ctx.deps.keyring, {
        orgId: ctx.orgId,
        client: { channel: 'line', sessionKey: draft.key },
        code: a.code ?? '',
        secret: a.secret ?? '',
        now: ctx.now,
      })
      const render = ctx.deps.flows.render
      if (r.kind === 'throttled')
        return render('complaint.followup.throttled', { retryMinutes: String(r.retryInMinutes) })
      if (r.kind === 'wrong') return render('complaint.followup.wrong')
      return {
        reply: render('complaint.status', statusVars(r.view), { chat: 'user' }),
        park: { formId: REPLY, hidden: { _case: r.view.id }, ttlMs: REPLY_WINDOW_MS },
      }
    },
  })

  forms.configure(REPLY, {
    // Only after the code and secret were checked (the parked form carries the case).
    resumeOnly: true,
    ttlMs: () => REPLY_WINDOW_MS,
    attach: attachEvidence,
    ...draftFileCallbacks,
    submit: async (ctx, a, draft) => {
      const caseId = a._case
      if (!caseId) throw new Error('complaint reply without its case')
      const text = (a.message ?? '').trim()
      // The draft's files are copied into the filing: evidence bytes written, so in their queue.
      const stored = await ctx.deps.evidenceWrites.run(() =>
        ctx.deps.db
          .transaction()
          .execute((trx) =>
            submitReply(
              trx,
              ctx.deps.keyring,
              { orgId: ctx.orgId, caseId, text, draftKey: draft.key, files: [] },
              { now: ctx.now, timeZone: ctx.deps.config.timeZone },
            ),
          ),
      )
      if (!stored.ok) return SUBMIT_BUSY
      return ctx.deps.flows.render('complaint.replied', {
        entryTime: ctx.deps.config.env.COMPLAINT_ENTRY_TIME,
      })
    },
  })
}
