import type { CaseStatus, Outcome } from '../tables.js'

// The web channel's own wording (the questions come from flows/complaints.yaml). Thai first;
// English through ?lang=en, carried in each form rather than a cookie.

import type { Bilingual, Lang } from '../../core/lang.js'
import { defineMessages, type TranslatorOf } from '../../core/messages.js'

export const pickLang = (v: string | undefined | null): Lang => (v === 'en' ? 'en' : 'th')

export const webWords = defineMessages({
  title: ['ร้องเรียน/แจ้งเบาะแสทางเว็บ', 'Report misconduct on the web'],
  siteNote: [
    'หน้านี้ไม่ใช้การเข้าสู่ระบบ LINE ไม่ใช้สคริปต์ ไม่โหลดสิ่งใดจากเว็บไซต์อื่น และไม่บันทึกที่อยู่ IP หรือข้อมูลเบราว์เซอร์ของท่าน',
    'This page uses no LINE login, no scripts and nothing from other sites, and does not record your IP address or browser.',
  ],
  promise: ['คำมั่นต่อผู้แจ้ง', 'Our promise'],
  required: ['จำเป็น', 'required'],
  optional: ['ไม่บังคับ', 'optional'],
  maxChars: ['ไม่เกิน {{n}} ตัวอักษร', 'at most {{n}} characters'],
  filesHint: [
    'เลือกได้สูงสุด {{n}} ไฟล์ ไฟล์ละไม่เกิน {{each}} MB รวมกันไม่เกิน {{total}} MB: ภาพ JPEG/PNG, PDF, docx, xlsx, pptx, txt, MP4, M4A ระบบลบข้อมูลตำแหน่งและข้อมูลกล้องออกจากภาพก่อนจัดเก็บ',
    'Up to {{n}} files, each at most {{each}} MB and {{total}} MB in all: JPEG/PNG photos, PDF, docx, xlsx, pptx, txt, MP4, M4A. Location and camera data are removed from photos before they are stored.',
  ],
  namedOnly: ['กรอกเฉพาะเมื่อเลือก "ระบุตัวตน"', 'Only if you chose to give your name'],
  submit: ['ส่งเรื่อง', 'Send'],
  switchLang: ['English', 'ภาษาไทย'],
  followLink: ['ติดตามเรื่องที่แจ้งไว้แล้ว', 'Follow up a report you made'],
  newReport: ['แจ้งเรื่องใหม่', 'Make a new report'],
  fixErrors: ['กรุณาแก้ไขรายการต่อไปนี้ แล้วกดส่งเรื่องอีกครั้ง', 'Please correct the following, then send again.'],
  reattach: [
    'ไฟล์ที่เลือกไว้ยังไม่ถูกส่ง กรุณาเลือกไฟล์อีกครั้ง',
    'The files you chose were not sent: please choose them again.',
  ],
  missing: ['กรุณากรอก "{{f}}"', 'Please fill in "{{f}}".'],
  pickOne: ['กรุณาเลือก "{{f}}" จากรายการ', 'Please choose "{{f}}" from the list.'],
  tooLong: [
    '"{{f}}" ยาว {{n}} ตัวอักษร เกินกำหนด {{max}} ตัวอักษร กรุณาตัดให้สั้นลง หรือแนบรายละเอียดเป็นไฟล์',
    '"{{f}}" has {{n}} characters, over the limit of {{max}}. Please shorten it, or attach the details as a file.',
  ],
  tooManyFiles: ['เลือกไฟล์ {{n}} ไฟล์ เกินกำหนด {{max}} ไฟล์', '{{n}} files chosen, more than {{max}}.'],
  fileRefused: ['ไฟล์ "{{f}}": ', 'File "{{f}}": '],
  formExpired: [
    'แบบฟอร์มนี้เปิดไว้นานเกินไป ระบบยังไม่ได้รับเรื่อง ข้อความที่พิมพ์ไว้ยังอยู่ กรุณาตรวจสอบแล้วกดส่งอีกครั้ง',
    'This form was open too long and nothing was filed yet. What you typed is kept below: check it and send again.',
  ],
  csrf: [
    'คำขอถูกปฏิเสธ เนื่องจากไม่ได้ส่งจากแบบฟอร์มของหน้านี้ (หรือเบราว์เซอร์ไม่ส่งคุกกี้ความปลอดภัย) กรุณาเปิดหน้าแบบฟอร์มใหม่แล้วลองอีกครั้ง',
    'Request refused: it did not come from this site’s form (or the browser did not send its security cookie). Open the form again and retry.',
  ],
  unreadable: [
    'ระบบอ่านข้อมูลที่ส่งมาเป็นแบบฟอร์มไม่ได้ จึงไม่ได้รับและไม่ได้จัดเก็บสิ่งใด กรุณาเปิดแบบฟอร์มใหม่แล้วส่งอีกครั้ง',
    'What was sent could not be read as the form, so nothing was accepted or stored. Please open the form again and send it again.',
  ],
  tooManyParts: [
    'ข้อมูลที่ส่งมีเกิน {{max}} ส่วน ซึ่งเกินกว่าที่แบบฟอร์มนี้รับได้ จึงไม่ได้รับและไม่ได้จัดเก็บสิ่งใด กรุณาเปิดแบบฟอร์มใหม่แล้วส่งอีกครั้ง',
    'What was sent has more than {{max}} parts, more than this form takes, so nothing was accepted or stored. Please open the form again and send it again.',
  ],
  partHeadersTooLarge: [
    'ชื่อไฟล์หรือส่วนหัวของข้อมูลส่วนหนึ่งยาวเกิน {{kb}} KB จึงไม่ได้รับและไม่ได้จัดเก็บสิ่งใด กรุณาเปลี่ยนชื่อไฟล์ให้สั้นลงแล้วส่งอีกครั้ง',
    'A file name or one part’s headers are over {{kb}} KB, so nothing was accepted or stored. Please give the file a shorter name and send it again.',
  ],
  fieldTooLarge: [
    'ข้อความในช่องหนึ่งยาวเกิน {{kb}} KB จึงไม่ได้รับและไม่ได้จัดเก็บสิ่งใด กรุณาย่อข้อความแล้วส่งอีกครั้ง',
    'The text in one field is over {{kb}} KB, so nothing was accepted or stored. Please shorten it and send it again.',
  ],
  tooLarge: [
    'ข้อมูลที่ส่งมีขนาดรวมเกิน {{total}} MB ระบบจึงไม่รับและไม่ได้จัดเก็บสิ่งใด กรุณาส่งไฟล์ที่เล็กลง หรือแบ่งส่งหลายครั้ง (เพิ่มหลักฐานภายหลังได้ที่หน้าติดตามเรื่อง)',
    'What you sent is over {{total}} MB in all, so nothing was accepted or stored. Please send smaller files, or split them (you can add evidence later on the follow-up page).',
  ],
  formTooLarge: [
    'ข้อมูลที่ส่งมีขนาดเกิน {{kb}} KB ระบบจึงไม่รับและไม่ได้จัดเก็บสิ่งใด กรุณาเปิดแบบฟอร์มใหม่แล้วลองอีกครั้ง',
    'What you sent is over {{kb}} KB, so nothing was accepted or stored. Please open the form again and retry.',
  ],
  backToForm: ['กลับไปที่แบบฟอร์ม', 'Back to the form'],
  failed: [
    'ระบบขัดข้อง ยังไม่ได้รับเรื่อง กรุณาลองใหม่อีกครั้ง',
    'Something went wrong and nothing was filed. Please try again.',
  ],
  busy: [
    'ขณะนี้ระบบกำลังจัดเก็บหลักฐานจำนวนมาก จึงยังไม่ได้บันทึกสิ่งที่ส่ง กรุณาเลือกไฟล์แล้วส่งใหม่อีกครั้งในอีกสักครู่',
    'The system is storing a lot of evidence right now, so what you sent was not saved. Please choose the files again and send it in a moment.',
  ],
  filedTitle: ['รับเรื่องแล้ว', 'Your report is filed'],
  code: ['เลขที่เรื่อง', 'Case code'],
  secret: ['รหัสลับ', 'Secret'],
  keepSafe: [
    'จดเลขที่เรื่องและรหัสลับไว้ในที่ปลอดภัย ไม่บันทึกในอุปกรณ์ที่ใช้ร่วมกับผู้อื่น ระบบแสดงรหัสลับครั้งเดียวและกู้คืนไม่ได้ เมื่อจดแล้วปิดหน้านี้ และหากใช้เครื่องร่วมกับผู้อื่น ให้ลบประวัติการเข้าชม',
    'Write the case code and secret down somewhere safe, not on a shared device: the secret is shown only once and cannot be recovered. Then close this page, and on a shared computer clear the browsing history.',
  ],
  evidenceStored: ['หลักฐานที่จัดเก็บ: {{n}} ไฟล์', 'Evidence stored: {{n}} file(s)'],
  entersAt: [
    'เรื่องจะเข้าสู่ระบบพร้อมเรื่องอื่นของวันเดียวกันในเวลา {{time}} น. เพื่อไม่ให้เวลาที่แจ้งระบุตัวผู้แจ้งได้ ติดตามเรื่องได้หลังจากนั้น',
    "It enters the system with the day's other reports at {{time}}, so the time you filed cannot point to you. You can follow it up after that.",
  ],
  followTitle: ['ติดตามเรื่องร้องเรียน', 'Follow up a report'],
  check: ['ตรวจสอบ', 'Check'],
  wrong: [
    'เลขที่เรื่องหรือรหัสลับไม่ถูกต้อง กรุณาตรวจสอบแล้วลองอีกครั้ง',
    'Wrong case code or secret. Check them and try again.',
  ],
  tryLater: [
    'มีการกรอกเลขที่เรื่องหรือรหัสลับผิดหลายครั้ง กรุณาลองใหม่ในอีก {{n}} นาที',
    'Too many wrong case codes or secrets. Please try again in {{n}} minutes.',
  ],
  accessExpired: [
    'หมดเวลาการเข้าถึงเรื่องนี้ กรุณากรอกเลขที่เรื่องและรหัสลับอีกครั้ง ข้อความที่ยังไม่ได้ส่งแสดงไว้ด้านล่างเพื่อคัดลอก',
    'Access to this case has expired. Enter the case code and secret again; your unsent message is shown below to copy.',
  ],
  unsent: ['ข้อความที่ยังไม่ได้ส่ง', 'Your unsent message'],
  status: ['สถานะ', 'Status'],
  received: ['รับเรื่อง', 'Received'],
  ackDue: ['ตอบรับภายใน', 'Acknowledgement due'],
  feedbackDue: ['แจ้งผลภายใน', 'Feedback due'],
  evidenceCount: ['หลักฐานในเรื่องนี้', 'Evidence on this case'],
  thread: ['ข้อความ', 'Messages'],
  noMessages: ['ยังไม่มีข้อความ', 'No messages yet.'],
  fromOfficer: ['เจ้าหน้าที่', 'Officer'],
  fromYou: ['ท่าน', 'You'],
  reply: ['ตอบเจ้าหน้าที่/ส่งหลักฐานเพิ่ม', 'Reply or add evidence'],
  send: ['ส่ง', 'Send'],
  replied: [
    'ส่งถึงเจ้าหน้าที่แล้ว ข้อความและหลักฐานจะแสดงในเรื่องนี้หลังรอบบันทึกเวลา {{time}} น.',
    'Sent to the officers. Your message and files show in the case after the daily entry at {{time}}.',
  ],
  nothingToSend: ['กรุณาพิมพ์ข้อความหรือเลือกไฟล์', 'Please write a message or choose a file.'],
  closed: ['เรื่องนี้ปิดแล้ว ส่งข้อความหรือหลักฐานเพิ่มไม่ได้', 'This case is closed: no more messages or evidence.'],
  accessNote: [
    'หน้านี้เปิดได้อีก {{min}} นาทีโดยไม่ต้องกรอกรหัสลับซ้ำ เมื่อเสร็จแล้วปิดหน้านี้',
    'This page stays open for {{min}} more minutes without the secret; close it when you are done.',
  ],
  refresh: ['โหลดใหม่', 'Refresh'],
  notFound: ['ไม่พบหน้าที่ต้องการ', 'Page not found'],
  noSuchPage: [
    'ไม่พบหน้าที่ต้องการ กรุณาตรวจสอบลิงก์จากเมนูในบัญชี LINE ของหน่วยงาน',
    "Page not found. Please check the link in your agency's LINE menu.",
  ],
})

export type T = TranslatorOf<typeof webWords>

const statusWords = defineMessages({
  received: ['รับเรื่องแล้ว', 'Received'],
  acknowledged: ['ตอบรับเรื่องแล้ว', 'Acknowledged'],
  under_review: ['อยู่ระหว่างการพิจารณา', 'Under review'],
  investigating: ['อยู่ระหว่างการตรวจสอบข้อเท็จจริง', 'Being investigated'],
  closed: ['ปิดเรื่องแล้ว', 'Closed'],
} as const satisfies Record<CaseStatus, Bilingual>)
const outcomeWords = defineMessages({
  substantiated: ['มีมูล', 'substantiated'],
  unsubstantiated: ['ไม่มีมูล', 'unsubstantiated'],
  referred: ['ส่งต่อหน่วยงานที่เกี่ยวข้อง', 'referred to the competent body'],
} as const satisfies Record<Outcome, Bilingual>)

export function statusLabel(lang: Lang, status: CaseStatus, outcome: Outcome | null): string {
  const said = statusWords(lang)(status)
  return outcome ? `${said} (${outcomeWords(lang)(outcome)})` : said
}
