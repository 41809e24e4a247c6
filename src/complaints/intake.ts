import { defineMessages } from '../core/messages.js'
import { systemRandom } from '../core/receipt.js'
import type { AttachHandler, FormHandlers } from '../dialogues/forms.js'
import type { EventContext } from '../webhook/registry.js'
import { addDraftFile, draftFileCallbacks, sealFile } from './drafts.js'
import { BUSY, evidenceLimitsFromEnv } from './evidence/index.js'
import { drawReceipt, submitComplaint } from './filings.js'

export const COMPLAINT_FORM = 'complaint'
const MB = 1024 * 1024
/** Said above the evidence question, in the person's language (flows/render-form.ts). */
const warn = (m: { th: string; en: string }) => ({ th: `⚠️ ${m.th}`, en: `⚠️ ${m.en}` })
const intakeWords = defineMessages({
  tooLarge: [
    'ไฟล์มีขนาด {{size}} MB เกินกำหนด {{limit}} MB กรุณาส่งไฟล์ที่เล็กลง',
    'The file is {{size}} MB, over the {{limit}} MB limit.',
  ],
  submitBusy: [
    '⚠️ ขณะนี้ระบบกำลังจัดเก็บหลักฐานจำนวนมาก จึงยังไม่ได้ส่ง ข้อมูลและไฟล์ของท่านยังอยู่ครบ กรุณาแตะ "ส่ง" อีกครั้งในอีกสักครู่',
    '⚠️ The system is storing a lot of evidence right now, so nothing was sent yet. Your answers and files are kept: please tap "Submit" again in a moment.',
  ],
})

/** A submit whose turn in the evidence writes' queue never came: the draft is kept. */
export const SUBMIT_BUSY = { notSubmitted: intakeWords.both('submitBusy') }

/** The promise, with the deadlines and draft lifetime this deployment is configured with. */
export function promiseMessages(ctx: EventContext<unknown>) {
  const env = ctx.deps.config.env
  return ctx.deps.flows.render('complaint.promise', {
    ackDays: String(env.COMPLAINT_ACK_DAYS),
    feedbackDays: String(env.COMPLAINT_FEEDBACK_DAYS),
    draftMinutes: String(env.COMPLAINT_DRAFT_TTL_MINUTES),
  })
}

/**
 * A photo or file sent while the evidence question is open: fetched from LINE at once (LINE
 * keeps content only for a while), checked and stripped of metadata, sealed, and kept under the
 * draft's key until the complaint is filed or the draft dies.
 */
export const attachEvidence: AttachHandler = async (ctx, draft) => {
  const max = ctx.deps.config.env.EVIDENCE_MAX_BYTES
  const message = ctx.event.message as { id: string; fileSize?: number; fileName?: string }
  if (typeof message.fileSize === 'number' && message.fileSize > max) {
    const size = (message.fileSize / MB).toFixed(1)
    const limit = Math.floor(max / MB)
    return {
      ok: false,
      error: warn(intakeWords.both('tooLarge', { size, limit })),
    }
  }
  const content = await ctx.line.getContent(message.id)
  if (content.kind === 'gone' || content.kind === 'not_found') {
    return {
      ok: false,
      error: warn({
        th: 'ไฟล์นี้ไม่มีอยู่ใน LINE แล้ว กรุณาส่งใหม่อีกครั้ง',
        en: 'LINE no longer has this file; please send it again.',
      }),
    }
  }
  if (content.kind === 'preparing') {
    return {
      ok: false,
      error: warn({
        th: 'LINE ยังเตรียมไฟล์ไม่เสร็จ กรุณาส่งใหม่อีกครั้งในอีกสักครู่',
        en: 'LINE is still preparing this file; please send it again shortly.',
      }),
    }
  }
  if (content.kind !== 'ok') throw new Error(`LINE content ${content.kind}`)
  const clean = await ctx.deps.evidence.clean(
    content.bytes,
    { contentType: content.contentType, ...(message.fileName ? { fileName: message.fileName } : {}) },
    evidenceLimitsFromEnv(ctx.deps.config.env),
  )
  if (!clean.ok) return { ok: false, error: warn(clean.message) }
  // The sender's file name is not kept: officers see "หลักฐาน-n" (complaints/officers).
  // Sealed before its turn in the evidence writes' queue, like a filing's files (filings.ts).
  const sealed = await sealFile(ctx.deps.keyring, { kind: clean.kind, mime: clean.mime, bytes: clean.bytes })
  const stored = await ctx.deps.evidenceWrites.run(() =>
    addDraftFile(
      ctx.deps.db,
      ctx.deps.keyring,
      { orgId: draft.orgId, draftKey: draft.key, messageId: message.id, expiresAt: draft.expiresAt },
      sealed,
    ),
  )
  return stored.ok ? { ok: true } : { ok: false, error: warn(BUSY.message) }
}

/** The LINE complaint form: promise first, evidence on the way, filed with nothing linking back. */
export function registerComplaintForm(forms: FormHandlers): void {
  forms.keepUnlinkable(COMPLAINT_FORM)
  forms.configure(COMPLAINT_FORM, {
    intro: promiseMessages,
    ttlMs: (deps) => deps.config.env.COMPLAINT_DRAFT_TTL_MINUTES * 60_000,
    attach: attachEvidence,
    ...draftFileCallbacks,
    submit: async (ctx, a, draft) => {
      const userId = ctx.event.source.type === 'user' ? ctx.event.source.userId : null
      const { config, keyring } = ctx.deps
      const named = a.identity === 'named'
      // The receipt is hashed before the transaction opens (filings.ts). The draft's files are
      // copied into the filing: evidence bytes written, so in their queue.
      const receipt = await drawReceipt(keyring, systemRandom)
      const filed = await ctx.deps.evidenceWrites.run(() =>
        ctx.deps.db.transaction().execute((trx) =>
          submitComplaint(
            trx,
            keyring,
            {
              orgId: ctx.orgId,
              channel: 'line',
              category: a.category ?? 'other',
              content: { what: a.what ?? '', when: a.when ?? '', where: a.where ?? '', who: a.who ?? '' },
              identity: named ? { name: a.name ?? '', contact: a.contact ?? '' } : null,
              notifyTo: a.notify === 'yes' ? userId : null,
              draftKey: draft.key,
              files: [],
            },
            { timeZone: config.timeZone, now: ctx.now, random: systemRandom, receipt },
          ),
        ),
      )
      if (!filed.ok) return SUBMIT_BUSY
      return ctx.deps.flows.render('complaint.filed', {
        caseCode: filed.value.code,
        caseSecret: filed.value.secret,
        entryTime: config.env.COMPLAINT_ENTRY_TIME,
      })
    },
  })
}
