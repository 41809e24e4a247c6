import type { View } from '../../console/layout.js'
import { defineMessages } from '../../core/messages.js'

// Wording of the conflict-of-interest and identity-reveal parts of a case page.

export const peopleWords = defineMessages({
  exclusions: ['ผู้ที่ถูกกันออกจากเรื่อง (ผลประโยชน์ทับซ้อน)', 'Excluded from this case (conflict of interest)'],
  noExclusions: ['ยังไม่มี', 'Nobody.'],
  excludeWho: ['เจ้าหน้าที่ที่ต้องกันออก', 'Officer to exclude'],
  exclude: ['กันออกจากเรื่อง', 'Exclude'],
  excludedBy: ['โดย', 'by'],
  excludeNote: [
    'ผู้ที่ถูกกันออกจะไม่เห็นเรื่องนี้ในรายการ เปิดดูไม่ได้ และดำเนินการใด ๆ ไม่ได้ การกันออกยกเลิกไม่ได้',
    'An excluded officer no longer sees this case, cannot open it or act on it. Exclusion is final.',
  ],
  excluded: ['กันออกจากเรื่องแล้ว', 'Excluded.'],
  not_handler: ['บัญชีนี้ไม่ใช่ผู้ดูแลเรื่องร้องเรียน', 'This account does not handle complaints.'],
  already_excluded: ['บัญชีนี้ถูกกันออกจากเรื่องนี้แล้ว', 'This account is already excluded.'],
  last_handler: [
    'ต้องเหลือผู้ดูแลเรื่องนี้อย่างน้อยหนึ่งคน',
    'At least one officer must remain able to handle this case.',
  ],
  reveal: ['การเปิดเผยตัวตนผู้ร้องเรียน', "Revealing the complainant's identity"],
  revealNote: [
    'ตัวตนที่ผู้ร้องเรียนให้ไว้ถูกปิดผนึกแยกไว้ เปิดเผยได้เมื่อเจ้าหน้าที่คนที่สองอนุมัติคำขอ และระบบแจ้งผู้ร้องเรียนก่อนแสดงตัวตน ทุกขั้นตอนถูกบันทึก',
    'The identity the complainant gave is sealed apart. It is shown only after a second officer approves a request and the complainant has been told; every step is recorded.',
  ],
  reason: [
    'เหตุผลที่ต้องทราบตัวตน (ผู้ร้องเรียนจะได้รับแจ้งเหตุผลนี้)',
    'Why the identity is needed (the complainant is told this reason)',
  ],
  requestReveal: ['ขอเปิดเผยตัวตน', 'Request the identity'],
  approve: ['อนุมัติ (แจ้งผู้ร้องเรียนก่อน)', 'Approve (the complainant is told first)'],
  reject: ['ไม่อนุมัติ', 'Reject'],
  requestedBy: ['ผู้ขอ', 'Requested by'],
  decidedBy: ['ผู้พิจารณา', 'Decided by'],
  pending: ['รอเจ้าหน้าที่คนที่สองพิจารณา', 'Waiting for a second officer'],
  approved: ['อนุมัติแล้ว', 'Approved'],
  rejected: ['ไม่อนุมัติ', 'Rejected'],
  viewIdentity: ['ดูตัวตนผู้ร้องเรียน (บันทึกการเปิดดู)', "See the complainant's identity (recorded)"],
  identityTitle: ['ตัวตนผู้ร้องเรียน', "Complainant's identity"],
  name: ['ชื่อ', 'Name'],
  contact: ['ช่องทางติดต่อ', 'Contact'],
  requested: ['ส่งคำขอแล้ว รอเจ้าหน้าที่คนที่สองพิจารณา', 'Requested; a second officer must decide.'],
  approvedTold: ['อนุมัติแล้ว และแจ้งผู้ร้องเรียนแล้ว', 'Approved; the complainant has been told.'],
  rejectedDone: ['บันทึกการไม่อนุมัติแล้ว', 'Rejection recorded.'],
  not_named: ['ผู้ร้องเรียนเรื่องนี้ไม่ระบุตัวตน', 'This complaint is anonymous.'],
  pending_exists: ['มีคำขอที่รอพิจารณาอยู่แล้ว', 'A request is already waiting for a decision.'],
  reason_required: ['กรุณาระบุเหตุผล (ไม่เกิน 500 ตัวอักษร)', 'Please give a reason (at most 500 characters).'],
  same_officer: [
    'ผู้ขอพิจารณาคำขอของตนเองไม่ได้ ต้องเป็นเจ้าหน้าที่คนอื่น',
    'The officer who asked cannot decide their own request: a second officer must.',
  ],
  decided: ['คำขอนี้ได้รับการพิจารณาแล้ว', 'This request was already decided.'],
  not_told: [
    'ยังแจ้งผู้ร้องเรียนทาง LINE ไม่สำเร็จ จึงยังแสดงตัวตนไม่ได้ กรุณาลองอีกครั้งภายหลัง',
    'The complainant could not be told in LINE yet, so the identity stays hidden. Try again later.',
  ],
  identity_forbidden: [
    'เฉพาะผู้ขอและผู้อนุมัติคำขอที่อนุมัติแล้วเท่านั้นที่ดูตัวตนได้',
    'Only the requester and the approver of an approved request may see the identity.',
  ],
  revealNotice: [
    'เจ้าหน้าที่ได้รับอนุมัติให้เปิดดูตัวตนที่ท่านให้ไว้กับเรื่องนี้ เหตุผล: {{reason}}',
    'Officers were approved to see the identity you gave with this case. Reason: {{reason}}',
  ],
  // A new officer's refusal (tenureText).
  tooNewToApprove: [
    'บัญชีของท่านได้รับสิทธิ์เจ้าหน้าที่รับเรื่องร้องเรียนมาไม่ถึง {{days}} วัน จึงยังอนุมัติคำขอเปิดเผยตัวตนไม่ได้ ทำได้ตั้งแต่ {{when}}',
    'Your account became a complaint officer less than {{days}} days ago, so it cannot yet approve an identity reveal. It may from {{when}}.',
  ],
  tooNewToOpen: [
    'บัญชีของท่านได้รับสิทธิ์เจ้าหน้าที่รับเรื่องร้องเรียนมาไม่ถึง {{days}} วัน จึงยังเปิดเรื่องที่มีการกันเจ้าหน้าที่ออกไม่ได้ ทำได้ตั้งแต่ {{when}}',
    'Your account became a complaint officer less than {{days}} days ago, so it cannot yet open a case an officer was excluded from. It may from {{when}}.',
  ],
})

/**
 * A new officer's refusal, with the day and time (Buddhist era) from which it may: approving a
 * reveal, or opening a case someone was excluded from.
 */
export function tenureText(
  v: Pick<View, 'lang' | 'date'>,
  what: 'approve' | 'open',
  from: Date,
  days: number,
) {
  const key = what === 'approve' ? 'tooNewToApprove' : 'tooNewToOpen'
  return peopleWords(v.lang)(key, { days, when: v.date(from) })
}

/**
 * Told to the complainant, in the thread, before anyone sees the identity they gave: in both
 * languages, the thread having no language of its own.
 */
export function revealNotice(reason: string): string {
  const { th, en } = peopleWords.both('revealNotice', { reason })
  return `${th}\n${en}`
}
