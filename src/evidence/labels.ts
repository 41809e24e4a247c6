import type { Lang } from '../core/lang.js'
import { inLang } from '../core/lang.js'

// The words of the evidence pages, print page and public page: Thai first, English beside it.
// Column heads follow the agencies' own results tables (see the seeds), so a page can be
// pasted into the OIT evidence as it is.

const L = {
  title: ['หลักฐานการดำเนินงานตามมาตรการ (ITA)', 'Evidence of the measures (ITA)'],
  fy: ['ปีงบประมาณ', 'Fiscal year'],
  show: ['แสดง', 'Show'],
  form: ['แบบประเมิน', 'Assessment form'],
  form2566: ['แบบ ปี 2566–2567 (I/E/O)', 'FY2566–67 form (I/E/O)'],
  form2568: ['แบบ ปี 2568 เป็นต้นไป (i/e/o)', 'FY2568+ form (i/e/o)'],
  upTo: ['ข้อมูล ณ วันที่', 'Figures as of'],
  period: ['ช่วงปีงบประมาณ', 'Fiscal year runs'],
  colMeasure: ['มาตรการ', 'Measure'],
  colActivities: ['กิจกรรม', 'Activities'],
  colResults: ['ผลการดำเนินงาน', 'Results'],
  colUnit: ['หน่วยงานรับผิดชอบ', 'Responsible unit'],
  colPeriod: ['ระยะเวลา', 'Period'],
  colOutcome: ['ผลลัพธ์', 'Outcome'],
  target: ['เป้าหมาย', 'target'],
  actual: ['ผล', 'actual'],
  met: ['บรรลุ', 'met'],
  notMet: ['ไม่บรรลุ', 'not met'],
  notYet: ['ยังไม่บรรลุ (ปีงบประมาณยังไม่สิ้นสุด)', 'not yet (the year is not over)'],
  noTargets: ['ไม่ได้กำหนดค่าเป้าหมาย', 'No target figures set'],
  items: ['ข้อคำถาม ITA ที่ตอบ', 'ITA items answered'],
  outsideForm: [
    'คำเตือน: มาตรการนี้ระบุข้อคำถามที่ไม่มีในแบบประเมินของปีนี้',
    "Warning: this measure names items that this year's form does not have",
  ],
  outsideHint: [
    'แก้ไขรายการข้อคำถามใน flows/measures.yaml ให้ตรงกับแบบประเมินของปีนี้',
    "Correct the items in flows/measures.yaml to this year's form",
  ],
  done: ['การดำเนินการ (ข้อความที่ส่ง)', 'What was done (broadcasts)'],
  noBroadcasts: ['ไม่มีการส่งข้อความของมาตรการนี้ในปีนี้', 'No broadcasts of this measure this year'],
  bTitle: ['เรื่อง', 'Title'],
  audience: ['ผู้รับ', 'Audience'],
  sentAt: ['วันที่ส่ง', 'Sent on'],
  recipients: ['ผู้รับ (แชต)', 'Recipients (chats)'],
  delivered: ['ส่งสำเร็จ', 'Delivered'],
  failed: ['ไม่สำเร็จ', 'Failed'],
  reach: ['การเข้าถึง', 'Reach'],
  groups: ['กลุ่ม LINE', 'LINE groups'],
  people: ['จำนวนคนที่เข้าถึง (ไม่ซ้ำ)', 'Unique people reached'],
  deliveries: ['จำนวนครั้งที่ส่งถึง', 'Deliveries'],
  acks: ['การรับทราบ', 'Acknowledgments'],
  ackRate: ['อัตราการรับทราบ', 'Acknowledgment rate'],
  unknown: ['ไม่ทราบ', 'unknown'],
  byUnit: ['จำแนกตามหน่วยงาน', 'By unit'],
  unit: ['หน่วยงาน', 'Unit'],
  unitsTotal: ['รวมทุกหน่วยงาน', 'All units'],
  byMonth: ['จำแนกตามเดือน', 'By month'],
  month: ['เดือน', 'Month'],
  newlyReached: ['เข้าถึงใหม่', 'Newly reached'],
  cumulative: ['สะสม', 'Cumulative'],
  returned: ['สิ่งที่ได้รับกลับมา', 'What came back'],
  nothingBack: ['ยังไม่มี', 'Nothing yet'],
  what: ['รายการ', 'Item'],
  count: ['จำนวน', 'Count'],
  persons: ['จำนวนคน', 'People'],
  cellLegend: [
    'สถิติเรื่องร้องเรียน: "<5" = 1–4 เรื่อง "*" = ปกปิดเพิ่มเพื่อไม่ให้คำนวณย้อนกลับได้ "—" = น้อยเกินกว่าจะแจกแจง',
    'Complaint figures: "<5" = 1–4 cases, "*" = also withheld so a small cell cannot be worked out, "—" = too few to break down',
  ],
  empty: [
    'ยังไม่มีข้อมูลการดำเนินงานในปีงบประมาณนี้ ระบบจึงไม่แสดงตารางที่มีแต่เลขศูนย์',
    'Nothing was recorded in this fiscal year, so there is no table of zeros to show.',
  ],
  emptyHint: [
    'ข้อมูลจะปรากฏเมื่อบอตส่งข้อความหรือบุคลากรใช้งานตามมาตรการ เลือกปีงบประมาณอื่นได้ด้านบน',
    'Figures appear once the bot sends or staff use a measure. Pick another year above.',
  ],
  downloads: ['ดาวน์โหลดและพิมพ์', 'Downloads and print'],
  csv: ['CSV', 'CSV'],
  xlsx: ['Excel (.xlsx)', 'Excel (.xlsx)'],
  print: ['หน้าพิมพ์ A4', 'Printable A4 page'],
  byItem: ['จำแนกตามข้อคำถาม ITA', 'By ITA item'],
  byMeasure: ['จำแนกตามมาตรการ', 'By measure'],
  years: ['เปรียบเทียบหลายปี', 'Several years'],
  o33: ['รายงานผลตามนโยบาย No Gift Policy (O33)', 'No Gift Policy yearly report (O33)'],
  o29: ['สถิติเรื่องร้องเรียน (O29)', 'Complaint statistics (O29)'],
  item: ['ข้อคำถาม', 'Item'],
  itemText: ['ประเด็น', 'What it asks'],
  answeredBy: ['มาตรการที่ตอบ', 'Answered by'],
  noItems: ['ไม่มีมาตรการที่ตอบข้อคำถามของแบบประเมินปีนี้', "No measure answers this year's items"],
  from: ['ตั้งแต่ปีงบประมาณ', 'From fiscal year'],
  to: ['ถึงปีงบประมาณ', 'To fiscal year'],
  yearsTitle: ['ผลการดำเนินงานตามมาตรการ หลายปีงบประมาณ', 'Measures over several fiscal years'],
  badYear: [
    'ปีงบประมาณไม่ถูกต้อง กรุณาระบุเป็นปีพุทธศักราช 4 หลัก เช่น 2569',
    'Invalid fiscal year: give a four-digit Buddhist-era year such as 2569.',
  ],
  back: ['กลับไปหน้ารายงาน', 'Back to the report'],
  publicTitle: ['หน้าเผยแพร่สาธารณะ', 'Public page'],
  publicOnNow: ['เปิดเผยแพร่อยู่ที่', 'Published at'],
  publicOffNow: [
    'ปิดอยู่ (ค่าเริ่มต้น) เมื่อเปิด ทุกคนอ่านตัวเลขรวมของปีงบประมาณได้ โดยไม่มีข้อมูลรายบุคคลหรือรายกลุ่ม',
    'Off (the default). When on, anyone can read the yearly totals: nothing per person or per group.',
  ],
  publicOn: ['เปิดเผยแพร่', 'Publish'],
  publicOff: ['ปิดการเผยแพร่', 'Stop publishing'],
} as const satisfies Record<string, readonly [string, string]>

export type EvidenceKey = keyof typeof L
export type EvT = (k: EvidenceKey) => string

export const evidenceT =
  (lang: Lang): EvT =>
  (k) =>
    inLang(L[k], lang)
