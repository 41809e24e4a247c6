import { type Compact, compactText, occursAt } from './analyse.js'

/**
 * People a report is about. A statement that begins with one of them ("หัวหน้ารับซองจาก
 * ผู้รับเหมา", "ผอ.ใช้รถหลวงไปเที่ยว") tells of their conduct: a complaint, whatever it is
 * about; the same words asked as a question ("หัวหน้าเอาโน้ตบุ๊กกลับบ้านได้ไหม") ask about the
 * rules. Colleagues and "มีคน" are left out: "เพื่อนร่วมงานให้ของฝาก", "มีคนให้ของขวัญ" are gifts
 * to the writer. Kept in code, beside the rule that uses it; an agency's own words for what a
 * thing is go in flows/synonyms.yaml.
 */
const SUBJECTS = [
  'หัวหน้า',
  'หัวหน้างาน',
  'หัวหน้ากอง',
  'ผอ',
  'ผู้อำนวยการ',
  'รองผู้อำนวยการ',
  'ผู้บริหาร',
  'ผู้บังคับบัญชา',
  'เจ้าหน้าที่',
  'มีเจ้าหน้าที่',
  'กรรมการ',
  'อธิบดี',
  'รองอธิบดี',
  'ปลัด',
  'นายก',
  'รองนายก',
  'คนในกอง',
  'คนในหน่วยงาน',
].map((s) => compactText(s).text)

/** A statement (not a question) whose subject is someone in authority. */
export function tellsOfSomeone(original: Compact, question: boolean): boolean {
  if (question) return false
  return SUBJECTS.some((s) => original.text.startsWith(s) && occursAt(original, s, 0))
}
