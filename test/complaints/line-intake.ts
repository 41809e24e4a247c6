import type { LineMessage } from '../../src/line/port.js'
import { button, type chatAs } from '../helpers/chat.js'
import { enterNow } from './file-case.js'

/** A chat that types and taps: the test app's (helpers/chat.ts) or the simulator's (sim-chat.ts). */
interface Chat {
  say(text: string): Promise<LineMessage[]>
  tap(data: string): Promise<LineMessage[]>
}

/**
 * Walks the LINE complaint form to its evidence step, as a person would: the category "use of
 * government property", what, when, where, and "skip" for who. Returns that step's messages.
 */
export async function walkToEvidence(chat: Chat): Promise<LineMessage[]> {
  let step = await chat.say('ร้องเรียน')
  step = await chat.tap(button(step, /ใช้ทรัพย์สินราชการ/))
  await chat.say('นำรถราชการไปใช้ส่วนตัวทุกวันหยุด')
  await chat.say('ทุกวันเสาร์')
  step = await chat.say('ลานจอดรถ')
  return chat.tap(button(step, /ข้าม/))
}

/**
 * From the LINE message that filed a complaint (`filed`, with its code and secret): the day's
 * entry, then "follow up" with the code and secret, "reply to the officer", a message and "done".
 * Returns the reply form's summary, the step with its "ส่ง" button.
 */
export async function walkToReplySubmit(
  t: Parameters<typeof enterNow>[0],
  chat: ReturnType<typeof chatAs>,
  filed: string,
): Promise<LineMessage[]> {
  const entered = await enterNow(t)
  if (entered.entered !== 1) throw new Error(`the day's entry entered ${entered.entered} filings, not 1`)
  await chat.say('ติดตามเรื่องร้องเรียน')
  await chat.say(/C-2569-[A-Z2-9]{6}/.exec(filed)?.[0] ?? '')
  const status = await chat.say(/[A-Z2-9]{5}-[A-Z2-9]{5}/.exec(filed)?.[0] ?? '')
  const view = await chat.tap(button(status, /^ส่ง$/))
  await chat.tap(button(view, /ตอบเจ้าหน้าที่/))
  const step = await chat.say('ทะเบียนรถ กข 1234')
  return chat.tap(button(step, /เสร็จ/))
}
