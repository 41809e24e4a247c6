import type {
  BroadcastDone,
  EvidenceReport,
  MeasureReport,
  MonthReach,
  Reach,
  UnitReach,
} from '../../src/evidence/types.js'

// A fiscal year (2569) of a mid-sized department, shaped like what report.ts builds, with
// figures that add up (units to the measure, months to the people reached), so that page
// tests can check them by hand. Measures and units as in flows/measures.yaml.

const MONTHS = ['10', '11', '12', '01', '02', '03', '04', '05', '06', '07', '08', '09']

/** Twelve months Oct 2025 → Sep 2026 from per-month figures. */
function months(newly: number[], delivered: number[] = [], acks: number[] = []): MonthReach[] {
  return MONTHS.map((m, i) => ({
    month: `${Number(m) >= 10 ? 2025 : 2026}-${m}`,
    newlyReached: newly[i] ?? 0,
    delivered: delivered[i] ?? 0,
    acknowledgments: acks[i] ?? 0,
  }))
}

const at = (day: string) => new Date(`${day}T02:00:00Z`)

function broadcast(id: string, title: string, days: string[], chats: number, failed = 0): BroadcastDone {
  const recipients = days.length * chats
  return {
    broadcastId: id,
    title,
    audience: 'ทุกกอง',
    sentAt: days.map(at),
    recipients,
    delivered: recipients - failed,
    failed,
  }
}

const unit = (
  name: string,
  groups: number,
  delivered: number,
  acks: number,
  rate: number | null,
): UnitReach => ({
  unit: name,
  groups,
  delivered,
  acknowledgments: acks,
  ackRate: rate,
})

function reach(r: Omit<Reach, 'byUnit' | 'byMonth'> & Partial<Reach>): Reach {
  return { byUnit: [], byMonth: months([]), ...r }
}

const PERIOD = 'ต.ค. 2568 – ก.ย. 2569'

const budget: MeasureReport = {
  id: 'budget',
  name: {
    th: 'มาตรการเผยแพร่ข้อมูลงบประมาณและการมีส่วนร่วมของบุคลากร',
    en: 'Publishing the budget to staff and letting them take part',
  },
  unit: 'กองคลัง / กองยุทธศาสตร์และแผนงาน',
  period: PERIOD,
  activities: [
    {
      th: 'เผยแพร่สรุปแผนการใช้จ่ายและผลการเบิกจ่ายงบประมาณผ่านไลน์กลุ่มของบุคลากรเป็นประจำทุกเดือน',
      en: 'Monthly budget and disbursement summaries in the staff LINE groups',
    },
    { th: 'เปิดช่องทางให้บุคลากรสอบถามหรือทักท้วงการใช้จ่ายงบประมาณ', en: 'A channel to ask or object' },
  ],
  items: [{ code: 'i4', text: { th: 'การรับรู้ข้อมูลงบประมาณของหน่วยงาน', en: "Knowing the agency's budget" } }],
  itemsOutsideForm: [],
  broadcasts: [
    broadcast(
      'b-budget',
      'สรุปงบประมาณประจำเดือน',
      MONTHS.map((m) => `${Number(m) >= 10 ? 2025 : 2026}-${m}-05`),
      8,
      2,
    ),
  ],
  reach: reach({
    groups: 8,
    people: 212,
    deliveries: 94,
    acknowledgments: 0,
    ackRate: null,
    byUnit: [
      unit('กองคลัง', 3, 36, 0, null),
      unit('กองการเจ้าหน้าที่', 2, 24, 0, null),
      unit('สำนักงานเลขานุการกรม', 3, 34, 0, null),
    ],
    byMonth: months([120, 40, 20, 10, 8, 5, 4, 2, 1, 1, 1, 0], Array(12).fill(8)),
  }),
  returned: [
    {
      kind: 'question.asked',
      label: { th: 'สอบถาม/ทักท้วงงบประมาณ', en: 'Budget questions' },
      count: { kind: 'count', n: 14 },
      people: 11,
      detail: null,
    },
  ],
  targets: [
    {
      metric: 'broadcasts',
      label: { th: 'ส่งสรุปงบประมาณ (ครั้ง)', en: 'Summaries sent' },
      target: 12,
      actual: 12,
      met: true,
    },
    {
      metric: 'people',
      label: { th: 'บุคลากรที่เข้าถึง (คน)', en: 'People reached' },
      target: 200,
      actual: 212,
      met: true,
    },
  ],
  summary: {
    th: 'ส่งสรุปงบประมาณ 12 ครั้ง ถึง 8 กลุ่ม เข้าถึงบุคลากร 212 คน มีผู้สอบถาม 14 เรื่อง',
    en: '12 summaries to 8 groups, 212 people reached, 14 questions',
  },
}

const nogift: MeasureReport = {
  id: 'nogift',
  name: { th: 'มาตรการไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy)', en: 'No Gift Policy' },
  unit: 'กองยุทธศาสตร์และแผนงาน / ศูนย์ปฏิบัติการต่อต้านการทุจริต',
  period: PERIOD,
  activities: [
    { th: 'ประกาศเจตนารมณ์ No Gift Policy ของผู้บริหาร', en: "The head of agency's declaration" },
    { th: 'สร้างวัฒนธรรม No Gift Policy โดยแจ้งเตือนก่อนเทศกาล', en: 'Seasonal reminders and pledges' },
    { th: 'รายงานผลการดำเนินการตามนโยบาย No Gift Policy ทุก 12 เดือน', en: 'Yearly report of results' },
  ],
  items: [
    { code: 'o21', text: { th: 'ประกาศเจตนารมณ์ No Gift Policy', en: 'No Gift Policy declaration' } },
    { code: 'o22', text: { th: 'การสร้างวัฒนธรรม No Gift Policy', en: 'Building the No Gift culture' } },
    { code: 'o23', text: { th: 'รายงานผลตามนโยบาย No Gift Policy', en: 'No Gift Policy report' } },
  ],
  itemsOutsideForm: [],
  broadcasts: [
    broadcast('b-ny', 'No Gift Policy ช่วงปีใหม่', ['2025-12-22'], 8),
    broadcast('b-cny', 'No Gift Policy ช่วงตรุษจีน', ['2026-02-10'], 8),
    broadcast('b-sk', 'No Gift Policy ช่วงสงกรานต์', ['2026-04-06'], 8),
    broadcast('b-fy', 'No Gift Policy สิ้นปีงบประมาณ', ['2026-09-16'], 8),
  ],
  reach: reach({
    groups: 8,
    people: 180,
    deliveries: 32,
    acknowledgments: 121,
    ackRate: 0.605,
    byUnit: [
      unit('กองคลัง', 3, 12, 45, 0.75),
      unit('กองการเจ้าหน้าที่', 2, 8, 30, 0.6),
      unit('สำนักงานเลขานุการกรม', 2, 8, 40, 40 / 70),
      unit('ไม่ระบุหน่วยงาน', 1, 4, 6, null),
    ],
    byMonth: months(
      [0, 0, 95, 20, 30, 5, 20, 2, 0, 0, 0, 8],
      [0, 0, 8, 0, 8, 0, 8, 0, 0, 0, 0, 8],
      [0, 0, 70, 10, 20, 0, 15, 0, 0, 0, 0, 6],
    ),
  }),
  returned: [
    {
      kind: 'pledge',
      label: { th: 'กดรับทราบและร่วมปฏิบัติ', en: 'Pledges' },
      count: { kind: 'count', n: 121 },
      people: 121,
      detail: null,
    },
    {
      kind: 'gift.reported',
      label: { th: 'รายงานการรับของขวัญ', en: 'Gift reports' },
      count: { kind: 'count', n: 7 },
      people: null,
      detail: null,
    },
    {
      kind: 'declaration.viewed',
      label: { th: 'เปิดดูประกาศเจตนารมณ์', en: 'Declaration viewed' },
      count: { kind: 'count', n: 64 },
      people: 52,
      detail: null,
    },
  ],
  targets: [
    {
      metric: 'broadcasts',
      label: { th: 'แจ้งเตือนก่อนเทศกาล (ครั้ง)', en: 'Reminders' },
      target: 4,
      actual: 4,
      met: true,
    },
    {
      metric: 'ackRate',
      label: { th: 'อัตราการรับทราบ (%)', en: 'Acknowledgment rate (%)' },
      target: 60,
      actual: 60.5,
      met: true,
    },
  ],
  summary: {
    th: 'แจ้งเตือน 4 ครั้ง เข้าถึง 180 คน รับทราบและร่วมปฏิบัติ 121 คน (60.5%) รายงานการรับของขวัญ 7 รายการ',
    en: '4 reminders, 180 people reached, 121 pledges (60.5%), 7 gift reports',
  },
}

const complaints: MeasureReport = {
  id: 'complaints',
  name: {
    th: 'มาตรการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ โดยคุ้มครองผู้ร้องเรียน',
    en: 'Handling corruption complaints while protecting complainants',
  },
  unit: 'ศูนย์ปฏิบัติการต่อต้านการทุจริต',
  period: PERIOD,
  activities: [{ th: 'เปิดช่องทางร้องเรียนทั้งแบบเปิดเผยตัวตนและไม่เปิดเผยตัวตน', en: 'Open and anonymous channels' }],
  items: [
    { code: 'i15', text: { th: 'ความเชื่อมั่นในกระบวนการจัดการเรื่องร้องเรียน', en: 'Trust in complaint handling' } },
  ],
  itemsOutsideForm: [],
  broadcasts: [broadcast('b-channels', 'ช่องทางร้องเรียนที่ปกปิดตัวตนผู้ร้องเรียน', ['2025-10-15', '2026-03-02'], 8)],
  reach: reach({
    groups: 8,
    people: 150,
    deliveries: 16,
    acknowledgments: 0,
    ackRate: null,
    byMonth: months([110, 0, 0, 0, 0, 40]),
  }),
  returned: [
    {
      kind: 'complaint.filed',
      label: { th: 'เรื่องร้องเรียนที่ได้รับ', en: 'Complaints received' },
      count: { kind: 'small' },
      people: null,
      detail: null,
    },
    {
      kind: 'complaint.closed',
      label: { th: 'เรื่องที่ดำเนินการแล้วเสร็จ', en: 'Complaints closed' },
      count: { kind: 'small' },
      people: null,
      detail: null,
    },
  ],
  targets: [
    {
      metric: 'people',
      label: { th: 'บุคลากรที่รับรู้ช่องทาง (คน)', en: 'People told' },
      target: 300,
      actual: 150,
      met: false,
    },
  ],
  summary: {
    th: 'เผยแพร่ช่องทางร้องเรียน 2 ครั้ง เข้าถึง 150 คน',
    en: 'Channels published twice, 150 people reached',
  },
}

const assets: MeasureReport = {
  id: 'assets',
  name: { th: 'มาตรการกำกับดูแลการใช้ทรัพย์สินของราชการ', en: 'Governing the use of government assets' },
  unit: 'กองคลัง (งานพัสดุ)',
  period: PERIOD,
  activities: [{ th: 'เผยแพร่คู่มือและขั้นตอนการขออนุญาตยืมทรัพย์สินของราชการ', en: 'Publish the borrowing guide' }],
  items: [
    { code: 'i10', text: { th: 'การขอยืมทรัพย์สินของหน่วยงานอย่างถูกต้อง', en: 'Borrowing assets correctly' } },
    { code: 'i11', text: { th: 'ความสะดวกในการขอยืมทรัพย์สิน', en: 'Ease of borrowing' } },
  ],
  itemsOutsideForm: [],
  broadcasts: [broadcast('b-assets', 'คู่มือการยืมทรัพย์สินของราชการ', ['2025-11-03'], 8)],
  reach: reach({
    groups: 8,
    people: 140,
    deliveries: 8,
    acknowledgments: 0,
    ackRate: null,
    byMonth: months([0, 120, 10, 10]),
  }),
  returned: [
    {
      kind: 'guide.viewed',
      label: { th: 'เปิดดูคู่มือ', en: 'Guide viewed' },
      count: { kind: 'count', n: 96 },
      people: 71,
      detail: null,
    },
    {
      kind: 'quiz.completed',
      label: { th: 'ทำแบบทดสอบครบ', en: 'Quiz completed' },
      count: { kind: 'count', n: 41 },
      people: 41,
      detail: { label: { th: 'คะแนนเฉลี่ย', en: 'Mean score' }, value: '78%' },
    },
  ],
  targets: [
    {
      metric: 'quiz',
      label: { th: 'ทำแบบทดสอบ (คน)', en: 'Quiz takers' },
      target: 50,
      actual: 41,
      met: false,
    },
  ],
  summary: {
    th: 'เผยแพร่คู่มือ 1 ครั้ง เข้าถึง 140 คน ทำแบบทดสอบ 41 คน',
    en: 'Guide sent once, 140 reached, 41 quiz takers',
  },
}

const ethics: MeasureReport = {
  id: 'ethics',
  name: { th: 'มาตรการส่งเสริมมาตรฐานทางจริยธรรมและประมวลจริยธรรม', en: 'Promoting the code of ethics' },
  unit: 'กองการเจ้าหน้าที่',
  period: PERIOD,
  activities: [{ th: 'เผยแพร่ประมวลจริยธรรมเป็นบัตรความรู้สั้น ๆ และทดสอบความเข้าใจ', en: 'Ethics cards and a quiz' }],
  // flows/ lists only FY2566–67 codes for this measure: FY2569's form has none of them.
  items: [],
  itemsOutsideForm: ['I27', 'O39', 'O40', 'O41'],
  broadcasts: [],
  reach: reach({
    groups: 0,
    people: 35,
    deliveries: 0,
    acknowledgments: 0,
    ackRate: null,
    byMonth: months([0, 0, 0, 20, 15]),
  }),
  returned: [
    {
      kind: 'guide.viewed',
      label: { th: 'เปิดดูบัตรความรู้', en: 'Cards viewed' },
      count: { kind: 'count', n: 52 },
      people: 35,
      detail: null,
    },
  ],
  targets: [],
  summary: { th: 'บุคลากรเปิดดูประมวลจริยธรรม 35 คน', en: '35 people read the code of ethics' },
}

/** The seeded year: five measures with figures. */
export function fixtureReport(over: Partial<EvidenceReport> = {}): EvidenceReport {
  return {
    timeZone: 'Asia/Bangkok',
    orgId: 'default',
    orgName: 'กรมส่งเสริมตัวอย่าง',
    fiscalYear: 2569,
    form: '2568',
    from: '2025-10-01',
    to: '2026-09-30',
    upTo: '2026-09-30',
    generatedAt: new Date('2026-11-22T03:00:00Z'),
    measures: [budget, assets, nogift, complaints, ethics],
    empty: false,
    ...over,
  }
}

/** A year the log has nothing for. */
export function emptyFixture(fiscalYear = 2567): EvidenceReport {
  const zero = reach({ groups: 0, people: 0, deliveries: 0, acknowledgments: 0, ackRate: null })
  const blank = (m: MeasureReport): MeasureReport => ({
    ...m,
    broadcasts: [],
    reach: zero,
    returned: [],
    targets: [],
  })
  return fixtureReport({
    fiscalYear,
    form: '2566',
    from: `${fiscalYear - 544}-10-01`,
    to: `${fiscalYear - 543}-09-30`,
    measures: fixtureReport().measures.map(blank),
    empty: true,
  })
}
