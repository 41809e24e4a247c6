import { type Lang, type Localized, pick, say } from '../core/lang.js'
import { formatDay } from '../core/time/index.js'
import { type FormHandlers, resumeParked, startForm } from '../dialogues/forms.js'
import { loadState, PARKED, sessionKey } from '../dialogues/sessions.js'
import type { RenderValue } from '../flows/types.js'
import type { HandlerRegistry } from '../webhook/registry.js'
import { draftFileCallbacks } from './drafts.js'
import { submitNotifyOff, submitReply } from './filings.js'
import { openAsComplainant } from './follow-access.js'
import { attachEvidence, COMPLAINT_FORM, registerComplaintForm } from './intake.js'
import type { ComplainantView } from './service.js'

const FOLLOW_UP = 'complaint.followup'
const REPLY = 'complaint.reply'
/** How long "reply" stays ready after the code and secret were checked. */
const REPLY_WINDOW_MS = 15 * 60_000

const STATUS: Record<string, Localized> = {
  received: { th: 'รับเรื่องแล้ว รอการตอบรับ', en: 'received, awaiting acknowledgement' },
  acknowledged: { th: 'ตอบรับเรื่องแล้ว', en: 'acknowledged' },
  under_review: { th: 'อยู่ระหว่างการพิจารณา', en: 'under review' },
  investigating: { th: 'อยู่ระหว่างการตรวจสอบข้อเท็จจริง', en: 'being investigated' },
  closed: { th: 'ปิดเรื่องแล้ว', en: 'closed' },
}
const OUTCOME: Record<string, Localized> = {
  substantiated: { th: 'มีมูล', en: 'substantiated' },
  unsubstantiated: { th: 'ไม่มีมูล', en: 'unsubstantiated' },
  referred: { th: 'ส่งต่อหน่วยงานที่มีอำนาจ', en: 'referred to the competent agency' },
}

/** Status, dates and the thread as the complainant reads them, in each language, within LINE's 5,000. */
export function statusVars(v: ComplainantView): Record<string, RenderValue> {
  const per = (f: (lang: Lang) => string): Localized => ({ th: f('th'), en: f('en') })
  const thread = per((lang) =>
    v.messages
      .map(
        (m) =>
          `• ${formatDay(m.sentOn, lang)} ${m.author === 'officer' ? say(lang, 'เจ้าหน้าที่', 'Officer') : say(lang, 'ท่าน', 'You')}: ${m.text}`,
      )
      .join('\n'),
  )
  const status = per((lang) => {
    const s = STATUS[v.status]
    const o = v.outcome ? OUTCOME[v.outcome] : undefined
    return `${s ? pick(s, lang) : v.status}${v.outcome ? `: ${o ? pick(o, lang) : v.outcome}` : ''}`
  })
  const dates = per((lang) =>
    say(
      lang,
      `รับเรื่อง ${formatDay(v.receivedOn, lang)} · ตอบรับภายใน ${formatDay(v.ackDue, lang)} · แจ้งผลภายใน ${formatDay(v.feedbackDue, lang)} · หลักฐาน ${v.evidence} รายการ`,
      `Received ${formatDay(v.receivedOn, lang)} · acknowledgement due ${formatDay(v.ackDue, lang)} · feedback due ${formatDay(v.feedbackDue, lang)} · ${v.evidence} piece(s) of evidence`,
    ),
  )
  const threadIn = (lang: Lang) => {
    const text = pick(thread, lang)
    const budget = 4000 - pick(status, lang).length - pick(dates, lang).length
    if (text.length === 0) return say(lang, 'ยังไม่มีข้อความ', 'No messages yet.')
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
      await ctx.deps.db
        .transaction()
        .execute((trx) =>
          submitReply(
            trx,
            ctx.deps.keyring,
            { orgId: ctx.orgId, caseId, text, draftKey: draft.key, files: [] },
            { now: ctx.now, timeZone: ctx.deps.config.timeZone },
          ),
        )
      return ctx.deps.flows.render('complaint.replied', {
        entryTime: ctx.deps.config.env.COMPLAINT_ENTRY_TIME,
      })
    },
  })
}
