// Console wording: Thai first, English through ?lang=en (remembered in a cookie).
export type Lang = 'th' | 'en'

const M = {
  title: ['ระบบผู้ดูแล', 'Admin console'],
  login: ['เข้าสู่ระบบ', 'Sign in'],
  logout: ['ออกจากระบบ', 'Sign out'],
  email: ['อีเมล', 'E-mail'],
  password: ['รหัสผ่าน', 'Password'],
  currentPassword: ['รหัสผ่านปัจจุบัน', 'Current password'],
  newPassword: ['รหัสผ่านใหม่ (อย่างน้อย 12 ตัวอักษร)', 'New password (at least 12 characters)'],
  confirmPassword: ['ยืนยันรหัสผ่านใหม่', 'Confirm the new password'],
  changePassword: ['เปลี่ยนรหัสผ่าน', 'Change password'],
  mustChange: [
    'กรุณาตั้งรหัสผ่านใหม่ก่อนใช้งาน (รหัสผ่านครั้งเดียวใช้ได้เพียงครั้งแรก)',
    'Please set a new password first: the one-time password works only once.',
  ],
  passwordChanged: ['เปลี่ยนรหัสผ่านแล้ว', 'Password changed.'],
  invalidLogin: ['อีเมลหรือรหัสผ่านไม่ถูกต้อง', 'Wrong e-mail or password.'],
  locked: ['เข้าสู่ระบบผิดหลายครั้งเกินไป ลองใหม่ได้หลัง', 'Too many failed sign-ins. Try again after'],
  expired: ['หมดเวลาการใช้งาน กรุณาเข้าสู่ระบบอีกครั้ง', 'Your session has expired. Please sign in again.'],
  loggedOut: ['ออกจากระบบแล้ว', 'You have signed out.'],
  wrong_current: ['รหัสผ่านปัจจุบันไม่ถูกต้อง', 'The current password is wrong.'],
  too_short: ['รหัสผ่านใหม่สั้นเกินไป (อย่างน้อย 12 ตัวอักษร)', 'The new password is too short (12+ characters).'],
  mismatch: ['รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน', 'The two new passwords differ.'],
  same: ['รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านเดิม', 'The new password must differ from the old one.'],
  csrf: [
    'คำขอถูกปฏิเสธ: แบบฟอร์มไม่มีโทเค็นความปลอดภัย (CSRF) หรือโทเค็นไม่ถูกต้อง กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง',
    'Request refused: the form had no valid security (CSRF) token. Reload the page and try again.',
  ],
  notFound: ['ไม่พบรายการนี้', 'Not found.'],
  forbidden: ['บทบาทของคุณไม่มีสิทธิ์ทำรายการนี้', 'Your role may not do this.'],
  home: ['หน้าหลัก', 'Home'],
  groups: ['กลุ่ม LINE', 'LINE groups'],
  followers: ['ผู้ติดตาม', 'Followers'],
  accounts: ['บัญชีผู้ดูแล', 'Admin accounts'],
  audit: ['บันทึกการใช้งาน', 'Audit log'],
  members: ['สมาชิก', 'members'],
  labels: ['หน่วยงาน (คั่นด้วย ,)', 'Units (comma-separated)'],
  save: ['บันทึก', 'Save'],
  saved: ['บันทึกแล้ว', 'Saved.'],
  invalidLabels: [
    'ป้ายกำกับไม่ถูกต้อง (ไม่เกิน 10 รายการ รายการละไม่เกิน 50 ตัวอักษร)',
    'Invalid labels (≤ 10, ≤ 50 characters each).',
  ],
  noGroups: ['บอตยังไม่ได้อยู่ในกลุ่มใด', 'The bot is not in any group yet.'],
  role: ['บทบาท', 'Role'],
  create: ['สร้างบัญชี', 'Create account'],
  disable: ['ระงับ', 'Disable'],
  disabled: ['ระงับแล้ว', 'disabled'],
  oneTime: [
    'รหัสผ่านครั้งเดียว (แสดงครั้งเดียว ส่งให้เจ้าของบัญชีทางช่องทางที่ปลอดภัย):',
    'One-time password (shown once; pass it on safely):',
  ],
  invalid_email: ['อีเมลไม่ถูกต้อง', 'Invalid e-mail.'],
  invalid_role: ['บทบาทไม่ถูกต้อง', 'Invalid role.'],
  exists: ['มีบัญชีอีเมลนี้แล้ว', 'An account with this e-mail exists.'],
  self: ['ระงับบัญชีของตนเองไม่ได้', 'You cannot disable your own account.'],
  already: ['บัญชีนี้ถูกระงับอยู่แล้ว', 'This account is already disabled.'],
  when: ['เวลา', 'When'],
  who: ['ผู้ทำ', 'Who'],
  what: ['การกระทำ', 'Action'],
  target: ['รายการ', 'Target'],
  owner: ['เจ้าของระบบ', 'Owner'],
  broadcaster: ['ผู้ส่งประกาศ', 'Broadcaster'],
  complaint_officer: ['เจ้าหน้าที่รับเรื่องร้องเรียน', 'Complaint officer'],
  auditor: ['ผู้ตรวจสอบ (อ่านอย่างเดียว)', 'Auditor (read-only)'],
} as const satisfies Record<string, readonly [string, string]>

export type MessageKey = keyof typeof M
export type T = (key: MessageKey) => string

export const translator =
  (lang: Lang): T =>
  (key) =>
    M[key][lang === 'en' ? 1 : 0]

export const isMessageKey = (k: string): k is MessageKey => Object.hasOwn(M, k)

export function pickLang(query: string | undefined, cookie: string | undefined): Lang {
  const v = query ?? cookie
  return v === 'en' ? 'en' : 'th'
}
