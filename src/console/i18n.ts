// Console wording: Thai first, English through ?lang=en (remembered in a cookie).
import type { Lang } from '../core/lang.js'

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
  waitBefore: ['บัญชีนี้มีการเข้าสู่ระบบผิดเมื่อสักครู่ กรุณารอ', 'This account had a failed sign-in just now. Please wait'],
  waitAfter: ['วินาที แล้วลองใหม่อีกครั้ง', 'seconds and try again.'],
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
  questions: ['คำถามงบประมาณ', 'Budget questions'],
  gifts: ['ทะเบียนของขวัญ', 'Gift register'],
  complaints: ['เรื่องร้องเรียน', 'Complaints'],
  complaintStats: ['สถิติเรื่องร้องเรียน', 'Complaint statistics'],
  evidence: ['หลักฐาน ITA', 'ITA evidence'],
  evidencePublished: ['เปิดหน้าเผยแพร่สาธารณะแล้ว', 'The public page is on.'],
  evidenceUnpublished: ['ปิดหน้าเผยแพร่สาธารณะแล้ว', 'The public page is off.'],
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
  broadcasts: ['ข้อความประกาศ', 'Broadcasts'],
  budget: ['งบประมาณ', 'Budget'],
  newBroadcast: ['สร้างข้อความประกาศ', 'New broadcast'],
  editBroadcast: ['แก้ไขข้อความประกาศ', 'Edit broadcast'],
  noBroadcasts: ['ยังไม่มีข้อความประกาศ', 'No broadcasts yet.'],
  bTitle: ['ชื่อเรื่อง', 'Title'],
  bStatus: ['สถานะ', 'Status'],
  bNextRun: ['ส่งครั้งถัดไป', 'Next run'],
  bAudience: ['ผู้รับ', 'Audience'],
  bContent: ['เนื้อหา', 'Content'],
  cText: ['ข้อความอิสระ', 'Free text'],
  cNogift: ['เตือนนโยบายไม่รับของขวัญ (No Gift Policy)', 'No Gift Policy reminder'],
  cBudget: ['สรุปงบประมาณ (ใช้ข้อมูลล่าสุด ณ เวลาส่งแต่ละครั้ง)', 'Budget summary (the latest figures at each send)'],
  noBudget: [
    'ยังไม่มีข้อมูลงบประมาณ กรุณาอัปโหลดที่หน้างบประมาณก่อน',
    'No budget uploaded yet: upload it under Budget first.',
  ],
  cFlex: ['Flex JSON', 'Flex JSON'],
  bMeasure: ['มาตรการที่ข้อความนี้สนับสนุน (ITA)', 'Measure this broadcast serves (ITA)'],
  mTemplate: [
    'ตามเนื้อหา (เตือน No Gift Policy / สรุปงบประมาณ); ข้อความอิสระและ Flex JSON ต้องเลือก',
    'As the content says (No Gift reminder / budget summary); free text and Flex JSON must choose',
  ],
  aSaved: ['กลุ่มผู้รับที่บันทึกไว้', 'Saved audience'],
  aLabels: ['กลุ่มตามหน่วยงาน', 'Groups by unit label'],
  aAll: ['ผู้ติดตามทั้งหมด', 'All followers'],
  bSchedule: ['กำหนดเวลา', 'Schedule'],
  sNow: ['ทันที', 'Now'],
  sAt: ['วันและเวลา', 'At a date and time'],
  sMonthly: ['ทุกเดือน วันที่', 'Monthly on day'],
  sWeekdays: ['ทุกวันทำการ (จันทร์–ศุกร์)', 'Every weekday (Mon–Fri)'],
  sCron: ['รูปแบบ cron', 'Cron expression'],
  bTime: ['เวลา (น.)', 'Time'],
  bDate: ['วันที่', 'Date'],
  saveDraft: ['บันทึกร่าง', 'Save draft'],
  preview: ['ตัวอย่างตามที่แสดงใน LINE', 'Preview as LINE shows it'],
  quota: ['โควตาข้อความ', 'Message quota'],
  quotaOk: ['โควตาเพียงพอ', 'Enough quota.'],
  quotaWarn: ['คำเตือน: โควตาเดือนนี้จะใช้เกิน 80%', 'Warning: this month would pass 80% of the quota.'],
  quotaBlock: ['โควตาไม่พอ ตั้งเวลาส่งไม่ได้', 'Not enough quota: it cannot be scheduled.'],
  quotaUnknown: ['ไม่ทราบโควตาของ LINE', 'LINE quota unknown.'],
  recipients: ['ผู้รับ', 'Recipients'],
  cost: ['ค่าใช้โควตา', 'Cost'],
  scheduleIt: ['ตั้งเวลาส่ง', 'Schedule'],
  sendNow: ['ส่งทันที', 'Send now'],
  cancelToDraft: ['ยกเลิกกลับเป็นร่าง', 'Cancel back to draft'],
  edit: ['แก้ไข', 'Edit'],
  runs: ['รอบการส่ง', 'Runs'],
  deliveryLog: ['บันทึกการส่ง', 'Delivery log'],
  attempts: ['จำนวนครั้ง', 'Attempts'],
  lineAnswer: ['คำตอบจาก LINE', "LINE's answer"],
  // What LINE's recent answers say (src/line/status.ts), and a delivery's stored detail in words.
  lineUnavailable: [
    'LINE ไม่ตอบสนองตั้งแต่ %s ระบบเก็บข้อความไว้และจะส่งต่อเมื่อ LINE กลับมา',
    'LINE has not been answering since %s: messages are kept and sent once it answers again.',
  ],
  lineRateLimited: [
    'LINE จำกัดอัตราการส่งชั่วคราว (ตั้งแต่ %s) ระบบจะส่งต่อเองโดยอัตโนมัติ',
    'LINE is limiting the sending rate (since %s): sending resumes by itself.',
  ],
  lineQuotaExhausted: [
    'โควตาข้อความของเดือนนี้หมดแล้ว (ตั้งแต่ %s) ข้อความที่เหลือจะไม่ถูกส่งจนกว่าจะเพิ่มโควตาหรือขึ้นเดือนใหม่',
    "This month's message quota is used up (since %s): the rest is not sent until the quota is raised or the month ends.",
  ],
  runPausedUntil: [
    'หยุดส่งชั่วคราวเพราะ LINE จำกัดอัตราการส่ง จะส่งต่อเวลา %s',
    'Paused by a LINE rate limit: sending resumes at %s.',
  ],
  dRateLimited: [
    'หยุดชั่วคราว: LINE จำกัดอัตราการส่ง ระบบจะส่งต่อเอง',
    'Paused: LINE is limiting the sending rate; it resumes by itself.',
  ],
  dQuota: ['ไม่ได้ส่ง: โควตาข้อความของเดือนนี้หมดแล้ว', "Not sent: this month's message quota is used up."],
  dNoChannel: ['รอส่ง: หน่วยงานยังไม่มีช่อง LINE', 'Waiting: the organization has no LINE channel.'],
  dAlreadyAccepted: [
    'LINE รับไว้แล้วจากการส่งครั้งก่อน (ไม่ส่งซ้ำ)',
    'LINE had accepted an earlier attempt (not sent twice).',
  ],
  dHandedBack: [
    'รอส่ง: ส่งคืนเมื่อเครื่องหนึ่งหยุดทำงาน ให้เครื่องอื่นส่งต่อ',
    'Waiting: handed back when an instance stopped, for another to send.',
  ],
  dUnavailable: ['รอส่งใหม่: LINE ไม่ตอบสนอง', 'To be retried: LINE did not answer.'],
  sentAt: ['เวลาที่ส่ง', 'Sent at'],
  retryFailed: ['ส่งซ้ำเฉพาะที่ไม่สำเร็จ', 'Retry failed recipients'],
  retried: ['ตั้งให้ส่งซ้ำแล้ว', 'Queued for retry.'],
  scheduledOk: ['ตั้งเวลาแล้ว', 'Scheduled.'],
  sendingProgress: ['กำลังส่ง', 'Sending'],
  lastRun: ['ผลการส่งรอบล่าสุด', 'The latest run'],
  startingSend: ['กำลังเริ่มส่ง ระบบกำลังเตรียมรายชื่อผู้รับ', 'Starting: the recipients are being prepared.'],
  autoRefresh: [
    'หน้านี้โหลดใหม่เองทุก 3 วินาทีจนกว่าจะส่งเสร็จ',
    'This page reloads itself every 3 seconds until sending is done.',
  ],
  sendingNow: [
    'กำลังส่ง ระบบเริ่มส่งข้อความแล้ว หน้านี้แสดงความคืบหน้าและโหลดใหม่เองจนกว่าจะส่งเสร็จ',
    'Sending: the messages are going out now. This page shows the progress and reloads itself until it is done.',
  ],
  cancelledOk: ['ยกเลิกกลับเป็นร่างแล้ว', 'Cancelled back to draft.'],
  invalidFlexJson: ['Flex JSON ไม่ถูกต้อง', 'The Flex JSON is invalid.'],
  invalidDateTime: ['วันหรือเวลาไม่ถูกต้อง', 'Invalid date or time.'],
  invalidPreset: ['การทำซ้ำไม่ถูกต้อง (วันที่ 1–28 เวลา HH:MM)', 'Invalid recurrence (day 1–28, time HH:MM).'],
  st_draft: ['ร่าง', 'Draft'],
  st_scheduled: ['ตั้งเวลาแล้ว', 'Scheduled'],
  st_sending: ['กำลังส่ง', 'Sending'],
  st_sent: ['ส่งแล้ว', 'Sent'],
  st_partly_failed: ['ส่งได้บางส่วน', 'Partly failed'],
  st_failed: ['ส่งไม่สำเร็จ', 'Failed'],
  st_cancelled: ['ยกเลิก', 'Cancelled'],
  st_pending: ['รอส่ง', 'Pending'],
  // Test sends and the admin's own LINE account (line-link.ts).
  testSend: ['ส่งทดสอบ', 'Send a test'],
  testSendHint: [
    'ส่งข้อความนี้ให้ตนเองดูก่อน การส่งทดสอบไม่นับเป็นการส่งจริงและไม่อยู่ในบันทึกการส่ง',
    'See it yourself first: a test is not a delivery and stays out of the delivery log.',
  ],
  testToPersona: ['ถึงแชต 1:1 จำลองของ', 'To the simulated 1:1 chat of'],
  testToMe: ['ส่งถึงบัญชี LINE ของฉัน', 'Send to my LINE account'],
  testSent: ['ส่งทดสอบแล้ว', 'Test sent.'],
  testSentSim: [
    'ส่งทดสอบแล้ว ดูได้ที่หน้าจำลองแชต /dev/chat',
    'Test sent: see it in the chat simulator, /dev/chat.',
  ],
  testFailed: ['ส่งทดสอบไม่สำเร็จ', 'The test could not be sent.'],
  notLinked: [
    'ยังไม่ได้ผูกบัญชี LINE กรุณาผูกบัญชีที่หน้า "บัญชี LINE ของฉัน" ก่อน',
    'No LINE account is linked yet: link one on "My LINE account" first.',
  ],
  unknownPersona: ['ไม่พบผู้ใช้จำลองนี้', 'Unknown simulated user.'],
  noChannel: ['หน่วยงานนี้ยังไม่มีช่อง LINE', 'This organization has no LINE channel yet.'],
  lineLink: ['บัญชี LINE ของฉัน', 'My LINE account'],
  linkWhy: [
    'ผูกบัญชี LINE ของท่านเพื่อรับข้อความทดสอบก่อนส่งจริง',
    'Link your own LINE account to receive tests of broadcasts before they go out.',
  ],
  linkedSince: ['ผูกบัญชี LINE แล้วเมื่อ', 'LINE account linked on'],
  notLinkedYet: ['ยังไม่ได้ผูกบัญชี LINE', 'No LINE account is linked.'],
  getCode: ['ขอรหัสผูกบัญชี', 'Get a link code'],
  codeSend: [
    'ส่งข้อความต่อไปนี้ถึงบอตในแชต 1:1 (รหัสใช้ได้ครั้งเดียวภายใน 10 นาที):',
    'Send this to the bot in a 1:1 chat (one use, within 10 minutes):',
  ],
  validUntil: ['ใช้ได้ถึง', 'Valid until'],
  codeSim: [
    'โหมดทดลอง: ส่งจากแชต 1:1 ของผู้ใช้จำลองที่ /dev/chat ได้',
    "Local mode: send it from a persona's 1:1 chat at /dev/chat.",
  ],
  checkStatus: ['ตรวจสอบสถานะ', 'Check status'],
  unlink: ['ยกเลิกการผูกบัญชี', 'Unlink'],
  unlinked: ['ยกเลิกการผูกบัญชี LINE แล้ว', 'LINE account unlinked.'],
  // Organizations (owner of the default organization) and API tokens (owners).
  orgs: ['หน่วยงานในระบบ', 'Organizations'],
  orgId: ['รหัสหน่วยงาน (a–z 0–9 และ - ไม่เกิน 40 ตัว)', 'Organization id (a–z, 0–9, -; up to 40)'],
  orgNameTh: ['ชื่อหน่วยงาน (ภาษาไทย)', 'Name (Thai)'],
  orgNameEn: ['ชื่อหน่วยงาน (ภาษาอังกฤษ ไม่บังคับ)', 'Name (English, optional)'],
  channelSecret: ['Channel secret ของช่อง LINE', 'LINE channel secret'],
  accessToken: ['Channel access token ของช่อง LINE', 'LINE channel access token'],
  firstOwner: ['อีเมลเจ้าของระบบคนแรก (ไม่บังคับ)', 'First owner e-mail (optional)'],
  createOrg: ['เพิ่มหน่วยงาน', 'Add organization'],
  webhookUrl: ['Webhook URL', 'Webhook URL'],
  channelSet: ['มีช่อง LINE แล้ว', 'LINE channel set'],
  channelEnv: ['ใช้ช่อง LINE จากค่าตั้งระบบ', "The environment's LINE channel"],
  channelNone: ['ยังไม่มีช่อง LINE', 'No LINE channel'],
  rotate: ['เปลี่ยนข้อมูลช่อง LINE', 'Replace LINE credentials'],
  orgCreated: ['เพิ่มหน่วยงานแล้ว', 'Organization added.'],
  channelRotated: [
    'เปลี่ยนข้อมูลช่อง LINE แล้ว มีผลภายใน 1 นาที',
    'LINE credentials replaced: they take effect within a minute.',
  ],
  invalid_slug: [
    'รหัสหน่วยงานใช้ได้เฉพาะ a–z 0–9 และ - ไม่เกิน 40 ตัวอักษร และใช้คำว่า follow ไม่ได้',
    'The organization id may use a–z, 0–9 and - only, up to 40 characters, and cannot be "follow".',
  ],
  org_exists: ['มีหน่วยงานรหัสนี้แล้ว', 'An organization with this id exists.'],
  org_name: ['กรุณากรอกชื่อหน่วยงาน (ไม่เกิน 200 ตัวอักษร)', 'Enter the name (up to 200 characters).'],
  empty_secret: ['กรุณากรอก channel secret (ไม่มีช่องว่าง)', 'Enter the channel secret (no spaces).'],
  empty_token: ['กรุณากรอก channel access token (ไม่มีช่องว่าง)', 'Enter the channel access token (no spaces).'],
  default_channel: [
    'ช่อง LINE ของหน่วยงานหลักกำหนดด้วยค่าตั้งระบบ LINE_CHANNEL_SECRET และ LINE_CHANNEL_ACCESS_TOKEN',
    "The default organization's channel comes from LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN.",
  ],
  // The organization's own name and logo (owners; orgs/profile.ts, orgs/logo.ts).
  orgProfile: ['ชื่อและโลโก้หน่วยงาน', 'Agency name and logo'],
  orgProfileHint: [
    'ชื่อและโลโก้นี้แสดงที่ส่วนหัวของระบบผู้ดูแล รายงาน ITA ฉบับพิมพ์ หน้าเผยแพร่สาธารณะ แบบฟอร์มร้องเรียนทางเว็บ และข้อความต้อนรับของบอตใน LINE',
    "Shown in the console's header, the printed ITA report, the public page, the web complaint form and the bot's greeting in LINE.",
  ],
  orgShortName: ['ชื่อย่อ (ไม่บังคับ ไม่เกิน 30 ตัวอักษร)', 'Short name (optional, up to 30 characters)'],
  orgProfileSaved: ['บันทึกชื่อหน่วยงานแล้ว', 'Agency name saved.'],
  orgUnnamed: [
    'ยังไม่ได้ตั้งชื่อหน่วยงาน ตั้งชื่อและโลโก้ได้ที่หน้า "ชื่อและโลโก้หน่วยงาน"',
    'The agency has no name yet: set its name and logo under "Agency name and logo".',
  ],
  logo: ['โลโก้', 'Logo'],
  noLogo: ['ยังไม่มีโลโก้', 'No logo yet.'],
  logoHint: [
    'ไฟล์ภาพ PNG หรือ JPEG ขนาดไม่เกิน 512 KB และไม่เกิน 1,024 × 1,024 พิกเซล ระบบแปลงภาพใหม่ก่อนจัดเก็บ ข้อมูลอื่นในไฟล์ (เช่น ข้อมูลกล้อง) ไม่ถูกเก็บ',
    'A PNG or JPEG image, at most 512 KB and 1,024 × 1,024 pixels. It is re-encoded before it is stored; nothing else in the file (camera data and the like) is kept.',
  ],
  uploadLogo: ['อัปโหลดโลโก้', 'Upload logo'],
  removeLogo: ['ลบโลโก้', 'Remove logo'],
  logoSaved: ['บันทึกโลโก้แล้ว', 'Logo saved.'],
  logoRemoved: ['ลบโลโก้แล้ว', 'Logo removed.'],
  fixBelow: ['กรุณาแก้ไขรายการต่อไปนี้ แล้วบันทึกอีกครั้ง', 'Please correct the following and save again.'],
  apiTokens: ['โทเคน API', 'API tokens'],
  tokenName: ['ชื่อระบบที่ใช้โทเคน', 'Name (the system that uses it)'],
  createToken: ['สร้างโทเคน', 'Create token'],
  tokenOnce: [
    'โทเคน (แสดงครั้งเดียว เก็บไว้ในที่ปลอดภัย ส่งในส่วนหัว Authorization: Bearer):',
    'Token (shown once; keep it safe; send it as Authorization: Bearer):',
  ],
  created: ['สร้างเมื่อ', 'Created'],
  lastUsed: ['ใช้ล่าสุด', 'Last used'],
  never: ['ยังไม่เคยใช้', 'never'],
  revoke: ['เพิกถอน', 'Revoke'],
  revoked: ['เพิกถอนแล้ว', 'revoked'],
  tokenRevoked: ['เพิกถอนโทเคนแล้ว', 'Token revoked.'],
  token_name: ['ชื่อโทเคนต้องมี 1–100 ตัวอักษร', 'The name must be 1–100 characters.'],
  token_gone: ['ไม่พบโทเคนนี้ หรือถูกเพิกถอนไปแล้ว', 'No such token, or it was already revoked.'],
  noTokens: ['ยังไม่มีโทเคน', 'No tokens yet.'],
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

/** The cookie that keeps the console's language (set by ?lang= in admin/routes.tsx). */
export const LANG_COOKIE = 'admin_lang'

export function pickLang(query: string | undefined, cookie: string | undefined): Lang {
  const v = query ?? cookie
  return v === 'en' ? 'en' : 'th'
}

/**
 * The same page in the other language: its query kept (a fiscal year, a filter), only `lang`
 * replaced, so switching language never drops what the person was looking at.
 */
export function langHref(path: string, search: string, lang: Lang): string {
  const q = new URLSearchParams(search)
  q.set('lang', lang)
  return `${path}?${q.toString()}`
}
