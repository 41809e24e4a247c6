import type { LineMessage } from '../../src/line/port.js'
import { button, type chatAs } from '../helpers/chat.js'

/**
 * Walks the LINE complaint form to its evidence step, as a person would: the category "use of
 * government property", what, when, where, and "skip" for who. Returns that step's messages.
 */
export async function walkToEvidence(chat: ReturnType<typeof chatAs>): Promise<LineMessage[]> {
  let step = await chat.say('ร้องเรียน')
  step = await chat.tap(button(step, /ใช้ทรัพย์สินราชการ/))
  await chat.say('นำรถราชการไปใช้ส่วนตัวทุกวันหยุด')
  await chat.say('ทุกวันเสาร์')
  step = await chat.say('ลานจอดรถ')
  return chat.tap(button(step, /ข้าม/))
}
