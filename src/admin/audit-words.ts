import type { AuditAction } from '../audit/actions.js'
import type { Bilingual, Lang } from '../core/lang.js'
import { defineMessages } from '../core/messages.js'

// The audit log in words: what each recorded action means, Thai first, English through the
// console's switch. Checked against AuditAction, so an action added to the list without words
// (or words for an action the log cannot write) does not compile (and test/admin/audit-words.test.ts reads every one).

export const auditActionWords = defineMessages({
  'login.succeeded': ['เข้าสู่ระบบ', 'Signed in'],
  'login.failed': ['เข้าสู่ระบบไม่สำเร็จ (รหัสผ่านผิด)', 'Sign-in failed (wrong password)'],
  'login.locked': ['ระงับการเข้าสู่ระบบชั่วคราว (ผิดหลายครั้ง)', 'Sign-in locked for a while (too many failures)'],
  logout: ['ออกจากระบบ', 'Signed out'],
  'password.changed': ['เปลี่ยนรหัสผ่าน', 'Changed the password'],
  'account.created': ['สร้างบัญชีผู้ดูแล', 'Created an admin account'],
  'account.disabled': ['ระงับบัญชีผู้ดูแล', 'Disabled an admin account'],
  'account.officer_granted': ['ให้สิทธิ์เจ้าหน้าที่รับเรื่องร้องเรียน', 'Granted the complaint-officer role'],
  'group.labelled': ['ตั้งป้ายหน่วยงานของกลุ่ม LINE', 'Labelled a LINE group with units'],
  'broadcast.created': ['สร้างข้อความประกาศ', 'Created a broadcast'],
  'broadcast.updated': ['แก้ไขข้อความประกาศ', 'Edited a broadcast'],
  'broadcast.scheduled': ['ตั้งเวลาส่งหรือสั่งส่งข้อความประกาศ', 'Scheduled or sent a broadcast'],
  'broadcast.cancelled': ['ยกเลิกการส่งข้อความประกาศ (กลับเป็นร่าง)', 'Cancelled a broadcast (back to draft)'],
  'broadcast.retried': ['ส่งซ้ำถึงผู้รับที่ส่งไม่สำเร็จ', 'Retried failed recipients'],
  'broadcast.test_sent': ['ส่งทดสอบข้อความประกาศ', 'Sent a test of a broadcast'],
  'budget.uploaded': ['อัปโหลดข้อมูลงบประมาณ', 'Uploaded the budget'],
  'line_link.code_issued': ['ขอรหัสผูกบัญชี LINE', 'Asked for a LINE link code'],
  'line_link.linked': ['ผูกบัญชี LINE ของตนเอง', 'Linked their own LINE account'],
  'line_link.unlinked': ['ยกเลิกการผูกบัญชี LINE', 'Unlinked their LINE account'],
  'org.created': ['เพิ่มหน่วยงานในระบบ', 'Added an organization'],
  'org.channel_rotated': ['เปลี่ยนข้อมูลช่อง LINE ของหน่วยงาน', "Replaced an organization's LINE credentials"],
  'org.profile_updated': ['แก้ไขชื่อหน่วยงาน', "Changed the agency's name"],
  'org.logo_updated': ['เปลี่ยนโลโก้หน่วยงาน', "Changed the agency's logo"],
  'org.logo_removed': ['ลบโลโก้หน่วยงาน', "Removed the agency's logo"],
  'api_token.created': ['สร้างโทเคน API', 'Created an API token'],
  'api_token.revoked': ['เพิกถอนโทเคน API', 'Revoked an API token'],
  'api.audience.created': ['ระบบภายนอกสร้างกลุ่มผู้รับ (API)', 'An agency system created an audience (API)'],
  'api.broadcast.created': ['ระบบภายนอกสร้างข้อความประกาศ (API)', 'An agency system created a broadcast (API)'],
  'api.broadcast.scheduled': [
    'ระบบภายนอกตั้งเวลาส่งข้อความประกาศ (API)',
    'An agency system scheduled a broadcast (API)',
  ],
  'api.broadcast.cancelled': [
    'ระบบภายนอกยกเลิกข้อความประกาศ (API)',
    'An agency system cancelled a broadcast (API)',
  ],
  'api.run.retried': [
    'ระบบภายนอกสั่งส่งซ้ำผู้รับที่ไม่สำเร็จ (API)',
    'An agency system retried failed recipients (API)',
  ],
  'gift.viewed': ['เปิดอ่านรายงานการรับของขวัญ', 'Opened a gift report'],
  'gift.reviewed': ['บันทึกการพิจารณารายงานการรับของขวัญ', 'Reviewed a gift report'],
  'question.viewed': ['เปิดอ่านคำถามงบประมาณ', 'Opened a budget question'],
  'question.answered': ['ตอบคำถามงบประมาณ', 'Answered a budget question'],
  'complaint.viewed': ['เปิดอ่านเรื่องร้องเรียน', 'Opened a complaint'],
  'complaint.access_refused': ['ถูกปฏิเสธการเปิดเรื่องร้องเรียน', 'Was refused access to a complaint'],
  'complaint.evidence_downloaded': ['ดาวน์โหลดหลักฐานของเรื่องร้องเรียน', 'Downloaded evidence of a complaint'],
  'complaint.status_changed': ['เปลี่ยนสถานะเรื่องร้องเรียน', 'Changed the status of a complaint'],
  'complaint.message_sent': ['ส่งข้อความถึงผู้ร้องเรียน', 'Sent a message to a complainant'],
  'complaint.officer_excluded': ['กันเจ้าหน้าที่ออกจากเรื่องร้องเรียน', 'Excluded an officer from a complaint'],
  'complaint.reveal_requested': ['ขอเปิดเผยตัวตนผู้ร้องเรียน', "Asked to reveal a complainant's identity"],
  'complaint.reveal_approved': ['อนุมัติการเปิดเผยตัวตนผู้ร้องเรียน', "Approved revealing a complainant's identity"],
  'complaint.reveal_rejected': ['ไม่อนุมัติการเปิดเผยตัวตนผู้ร้องเรียน', "Refused revealing a complainant's identity"],
  'complaint.identity_viewed': ['ดูตัวตนผู้ร้องเรียน (หลังได้รับอนุมัติ)', "Viewed a complainant's identity (approved)"],
  'evidence.viewed': ['เปิดดูรายงานหลักฐาน ITA', 'Viewed the ITA evidence report'],
  'evidence.exported': ['ดาวน์โหลดรายงานหลักฐาน ITA', 'Downloaded the ITA evidence report'],
  'evidence.published': ['เปิดหน้าเผยแพร่ผลการดำเนินงานต่อสาธารณะ', 'Turned the public results page on'],
  'evidence.unpublished': ['ปิดหน้าเผยแพร่ผลการดำเนินงานต่อสาธารณะ', 'Turned the public results page off'],
} as const satisfies Record<AuditAction, Bilingual>)

/** The action in words; an action this version does not know (an older row) stays as recorded. */
export function auditWords(action: string, lang: Lang): string {
  return auditActionWords.has(action) ? auditActionWords(lang)(action) : action
}
