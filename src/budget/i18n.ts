import type { Lang } from '../core/lang.js'

// The budget pages' wording, Thai first (the console's own table stays in src/console/i18n.ts).

const B = {
  budget: ['งบประมาณ', 'Budget'],
  upload: ['อัปโหลดข้อมูลงบประมาณ', 'Upload the budget'],
  versions: ['ฉบับที่อัปโหลด', 'Uploaded versions'],
  noVersions: ['ยังไม่มีข้อมูลงบประมาณ', 'No budget uploaded yet.'],
  file: ['ไฟล์ (.csv หรือ .xlsx)', 'File (.csv or .xlsx)'],
  fileName: ['ไฟล์', 'File'],
  maxSize: ['ขนาดไม่เกิน', 'at most'],
  fiscalYear: ['ปีงบประมาณ (พ.ศ.)', 'Fiscal year (BE)'],
  asOf: ['ข้อมูล ณ วันที่', 'Figures as of'],
  columns: [
    'คอลัมน์ที่ต้องมี: ปีงบประมาณ, งวด/ไตรมาส, หน่วยงาน, แผนงาน/โครงการ, งบที่ได้รับจัดสรร, ก่อหนี้ผูกพัน (PO), เบิกจ่าย, เป้าหมายการเบิกจ่าย (จำนวนเงิน หรือร้อยละ เช่น 30%)',
    'Columns: fiscal_year, period, unit, plan, allocation, commitment, disbursement, target (an amount or a percentage such as 30%). Thai headers work too.',
  ],
  monthly: ['ส่งสรุปทุกเดือนถึง', 'Send the summary every month to'],
  monthlyNote: [
    'สร้างข้อความประกาศรายเดือนให้อัตโนมัติ หากยังไม่มี แก้ไขหรือยกเลิกได้ที่หน้าข้อความประกาศ ทุกครั้งที่ส่งจะใช้ข้อมูลล่าสุด',
    'A monthly broadcast is created if none exists; edit or cancel it under Broadcasts. Each send uses the latest figures.',
  ],
  allGroups: ['ทุกกลุ่มที่บอตอยู่', 'Every group the bot is in'],
  byLabels: ['กลุ่มตามหน่วยงาน', 'Groups by unit label'],
  noMonthly: ['ไม่ต้องส่งรายเดือน', 'No monthly send'],
  day: ['วันที่ของเดือน (เวลา 09:00 น.)', 'Day of the month (at 09:00)'],
  submit: ['ตรวจสอบและนำเข้า', 'Check and import'],
  noFile: ['กรุณาเลือกไฟล์', 'Please choose a file.'],
  invalidForm: ['ข้อมูลในแบบฟอร์มไม่ถูกต้อง', 'The form has invalid values.'],
  busy: [
    'มีผู้อัปโหลดปีงบประมาณนี้พร้อมกัน กรุณาลองอีกครั้ง',
    'Someone uploaded this year at the same moment: try again.',
  ],
  rejected: ['ไม่ได้นำเข้าข้อมูลใด ๆ พบปัญหา', 'Nothing was imported. Problems found:'],
  fixAndRetry: ['แก้ไขไฟล์ตามรายการด้านล่าง แล้วอัปโหลดใหม่', 'Fix the file as listed below and upload it again.'],
  line: ['บรรทัด', 'Line'],
  column: ['คอลัมน์', 'Column'],
  problem: ['ปัญหา', 'Problem'],
  version: ['ฉบับที่', 'Version'],
  current: ['ฉบับปัจจุบัน', 'current'],
  rows: ['จำนวนแถว', 'Rows'],
  uploadedBy: ['ผู้อัปโหลด', 'Uploaded by'],
  uploadedAt: ['เวลาอัปโหลด', 'Uploaded at'],
  checksum: ['checksum (SHA-256)', 'Checksum (SHA-256)'],
  period: ['งวด', 'Period'],
  unit: ['หน่วยงาน', 'Unit'],
  plan: ['แผนงาน/โครงการ', 'Plan/project'],
  allocation: ['งบที่ได้รับจัดสรร', 'Allocated'],
  commitment: ['ก่อหนี้ผูกพัน (PO)', 'Committed (PO)'],
  disbursement: ['เบิกจ่าย', 'Disbursed'],
  target: ['เป้าหมาย', 'Target'],
  remaining: ['คงเหลือ', 'Remaining'],
  disbursedPct: ['% เบิกจ่าย', '% disbursed'],
  targetPct: ['% เป้าหมาย', '% target'],
  gap: ['ต่าง (จุด)', 'Gap (points)'],
  total: ['รวมทั้งหน่วยงาน', 'Whole agency'],
  baht: ['บาท', 'baht'],
  preview: ['ตัวอย่างการ์ดตามที่แสดงใน LINE', 'The card as LINE shows it'],
  previewUnit: ['ดูการ์ดของหน่วยงาน', "Preview a unit's card"],
  previewOrg: ['ภาพรวม', 'Whole agency'],
  uploadedOk: ['นำเข้าข้อมูลแล้ว', 'Imported.'],
  m_created: ['สร้างข้อความประกาศรายเดือนแล้ว', 'A monthly broadcast was created and scheduled.'],
  m_exists: [
    'มีข้อความประกาศรายเดือนอยู่แล้ว จะส่งข้อมูลฉบับนี้ในรอบถัดไป',
    'The monthly broadcast exists: its next run sends these figures.',
  ],
  m_not_requested: ['ไม่ได้สร้างข้อความประกาศรายเดือน', 'No monthly broadcast was created.'],
  m_no_recipients: [
    'ยังไม่ได้สร้างข้อความประกาศรายเดือน: ยังไม่มีกลุ่มผู้รับ (เชิญบอตเข้ากลุ่มหรือกำหนดหน่วยงานให้กลุ่มก่อน)',
    'No monthly broadcast yet: no group would receive it (add the bot to a group or label one first).',
  ],
  m_refused: [
    'สร้างข้อความประกาศรายเดือนไม่สำเร็จ สร้างเองได้ที่หน้าข้อความประกาศ',
    'The monthly broadcast could not be created: compose it under Broadcasts.',
  ],
  rowsShown: ['แสดงแถวแรก', 'Showing the first'],
} as const satisfies Record<string, readonly [string, string]>

export type BudgetKey = keyof typeof B
export type BT = (key: BudgetKey) => string

export const budgetT =
  (lang: Lang): BT =>
  (key) =>
    B[key][lang === 'en' ? 1 : 0]

export const isBudgetKey = (k: string): k is BudgetKey => Object.hasOwn(B, k)
