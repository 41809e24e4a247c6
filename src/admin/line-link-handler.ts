import { defineMessages } from '../core/messages.js'
import type { LineMessage } from '../line/port.js'
import type { HandlerRegistry, TextClaim } from '../webhook/registry.js'
import { burnLinkCode, redeemLinkCode } from './line-link.js'

// "ผูกบัญชี 123456" or "link 123456" (Thai digits too) sent to the bot links the sender's LINE
// account to the admin account that the console showed the code to (line-link.ts). The claim
// runs before intent matching, so a code never reaches the intents or the fallback. Neither the
// code nor the LINE id is logged; the inbox keeps only the outcome label.

const PATTERN = /^\s*(?:ผูกบัญชี|link)\s*[:：]?\s*([0-9๐-๙]+)\s*$/iu
const THAI_ZERO = 0x0e50

/** The digits of a link command, Thai digits as ASCII; null when the text is not one. */
export function parseLinkCommand(text: string): string | null {
  const digits = PATTERN.exec(text)?.[1]
  if (digits === undefined) return null
  return digits.replace(/[๐-๙]/gu, (d) => String((d.codePointAt(0) ?? THAI_ZERO) - THAI_ZERO))
}

/** The replies, each sent in the person's one language (flows/lang.ts). */
const linkWords = defineMessages({
  linked: [
    'ผูกบัญชี LINE นี้กับบัญชีผู้ดูแล {{email}} แล้ว ข้อความทดสอบจากระบบผู้ดูแลจะส่งมาที่แชตนี้',
    'This LINE account is now linked to the admin account {{email}}. Tests from the admin console will come to this chat.',
  ],
  invalid: [
    'รหัสไม่ถูกต้องหรือหมดอายุแล้ว กรุณาขอรหัสใหม่ที่หน้า "บัญชี LINE ของฉัน" ในระบบผู้ดูแล',
    'The code is wrong or has expired. Get a new one on "My LINE account" in the admin console.',
  ],
  throttled: [
    'ใส่รหัสผิดหลายครั้งเกินไป กรุณารอ 10 นาทีแล้วขอรหัสใหม่',
    'Too many wrong codes. Wait 10 minutes, then get a new code.',
  ],
  group: [
    'รหัสผูกบัญชีใช้ได้เฉพาะในแชต 1:1 กับบอต รหัสที่ส่งในกลุ่มถูกยกเลิกแล้ว กรุณาขอรหัสใหม่',
    'Link codes work in a 1:1 chat with the bot only. A code sent in a group is cancelled: get a new one.',
  ],
})

const reply = (text: string): LineMessage[] => [{ type: 'text', text }]

const claimLinkCode: TextClaim = async (ctx) => {
  const code = parseLinkCommand(ctx.text)
  if (code === null) return null
  const { db, keyring } = ctx.deps
  const source = ctx.event.source
  if (ctx.event.mode === 'standby') return 'line-link:standby'
  if (source.type !== 'user') {
    await burnLinkCode(db, keyring, ctx.now, ctx.orgId, code)
    await ctx.responder.reply(reply(linkWords(ctx.lang)('group')))
    return 'line-link:group'
  }
  const input = { orgId: ctx.orgId, lineUserId: source.userId, code }
  const r = await db.transaction().execute((trx) => redeemLinkCode(trx, keyring, ctx.now, input))
  const t = linkWords(ctx.lang)
  await ctx.responder.reply(reply(r.ok ? t('linked', { email: r.email }) : t(r.reason)))
  return `line-link:${r.ok ? 'linked' : r.reason}`
}

export function registerLineLink(registry: HandlerRegistry): void {
  registry.onTextClaim(claimLinkCode)
}
