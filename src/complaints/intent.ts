import { normalizeText } from '../conversation/normalize.js'

/**
 * Complaint intent anywhere in a message, for the safety net around complaints typed where they
 * should not be (a group) or as a sentence (1:1). Pure, and deliberately wider than the intent
 * matcher: in a group a miss can cost a complainant their anonymity, while a false alarm costs
 * one pointer to the 1:1 chat and the advice to unsend. The lists live in code rather than in
 * flows/ because they are a privacy safeguard an agency should not be able to weaken by accident.
 *
 * Thai has no spaces, so Thai terms are found as substrings of the message with its spaces
 * removed ("ขอร้องเรียน", "อยากร้องเรียน", "ร้อง เรียน" all hold "ร้องเรียน"); English terms
 * on word boundaries. Decisions:
 * - A question or a negation still counts: "ร้องเรียนได้ที่ไหน", "ไม่มีเรื่องร้องเรียน". Thai
 *   negation is easy to misread ("ไม่มีใครกล้าร้องเรียนว่า ผอ.รับเงิน") and the answer is
 *   harmless, so recall wins.
 * - "ทุจริต" alone counts (a news share gets the pointer too), except inside the names of
 *   campaigns and agencies ("ต่อต้านการทุจริต", "ป.ป.ช."'s "ป้องกันและปราบปรามการทุจริต"): those
 *   phrases are masked first, so a sentence that also accuses someone still counts.
 * - Words with everyday meanings stay out ("โกง" in a game, "เงินทอน" at a shop, a bare
 *   "report" inside a sentence); the intent matcher still treats a message that is exactly one of
 *   flows' complaint keywords as a command.
 */

/** Any one of these in the message is complaint intent. */
const THAI_TERMS = [
  'ร้องเรียน',
  'ร้องทุกข์',
  'เบาะแส',
  'ทุจริต',
  'คอร์รัปชัน',
  'คอร์รัปชั่น',
  'คอรัปชัน',
  'คอรัปชั่น',
  'ประพฤติมิชอบ',
  'โดยมิชอบ',
  'เรียกรับเงิน',
  'เรียกรับผลประโยชน์',
  'เรียกรับสินบน',
  'สินบน',
  'ใต้โต๊ะ',
  'ยักยอก',
  'ฉ้อโกง',
  'โกงเงิน',
  'กินเงินทอน',
  'ค่าหัวคิว',
  'เก็บส่วย',
  'จ่ายส่วย',
  'ฮั้ว',
  'ล็อกสเปก',
  'ล็อคสเปค',
  'ล็อกสเปค',
  'ล็อคสเปก',
  'ผลประโยชน์ทับซ้อน',
]

/** Campaign and agency names: masked before the terms are looked for. */
const THAI_MASKED = [
  'ป้องกันและปราบปรามการทุจริต',
  'ปราบปรามการทุจริต',
  'ต่อต้านการทุจริต',
  'ป้องกันการทุจริต',
  'ต้านทุจริต',
  'ป้องกันผลประโยชน์ทับซ้อน',
]

const ENGLISH =
  /\b(complain(t|ts|ed|ing)?|grievances?|whistle-?blow(er|ers|ing)?|corrupt(ion)?|brib(e|es|ed|ery|ing)|kickbacks?|embezzl(e|ed|ement|ing)|misconduct|fraud)\b/
const ENGLISH_MASKED = /\banti-?corruption\b/g

/** Short requests that name nothing but the wish to file: the whole message is a command. */
const REQUEST_PREFIX = /^(ขอ|อยาก|ต้องการ|จะ)?(จะ)?/
const COMMAND_TERMS = new Set(['ร้องเรียน', 'ร้องทุกข์', 'แจ้งเบาะแส', 'เบาะแส', 'แจ้งทุจริต', 'ร้องเรียนทุจริต'])
const POLITE_END = /(ครับผม|ครับ|คับ|ค่ะ|คะ|ค่า|นะคะ|นะครับ|นะ|หน่อย|ด้วย)+$/

export type ComplaintIntent =
  /** No complaint intent found. */
  | 'none'
  /** The message only asks to file ("ขอร้องเรียนครับ"): nothing of a complaint in it yet. */
  | 'command'
  /** A sentence that may already hold the complaint itself. */
  | 'sentence'

/** Lowercase, NFC, without invisible characters, punctuation or spaces: where Thai terms are found. */
function compactThai(text: string): string {
  return text.replace(/[\s\p{P}\p{S}]+/gu, '')
}

export function detectComplaintIntent(input: string): ComplaintIntent {
  const text = normalizeText(input)
  let thai = compactThai(text)
  for (const phrase of THAI_MASKED) thai = thai.replaceAll(phrase, '|')
  const english = text.replace(ENGLISH_MASKED, ' ')
  const found = THAI_TERMS.some((t) => thai.includes(t)) || ENGLISH.test(english)
  if (!found) return 'none'
  const core = thai.replace(POLITE_END, '').replace(REQUEST_PREFIX, '')
  return COMMAND_TERMS.has(core) ? 'command' : 'sentence'
}
