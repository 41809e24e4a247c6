import { z } from 'zod'

/**
 * flows `synonyms:` — the words staff type for what flows calls otherwise ("ของหลวง" for
 * "ทรัพย์สินราชการ", "เรื่องที่แจ้งไปถึงไหนแล้ว" for "ติดตามเรื่องร้องเรียน"). Free-text
 * understanding (src/conversation/understanding.ts) rewrites a message with them before ranking.
 */
const phrase = z.string().trim().min(1).max(100)
export const synonymsSchema = z.array(
  z
    .strictObject({
      /** What the words mean, in the words flows uses (a keyword, a title, a FAQ question). */
      means: phrase,
      /** Words that mean it anywhere in a message. */
      words: z.array(phrase).max(100).default([]),
      /** Words that mean it only as the whole message ("ช่วยหน่อย" is the menu, "ช่วยเรื่องงาน" is not). */
      alone: z.array(phrase).max(100).default([]),
    })
    .refine((d) => d.words.length + d.alone.length > 0, { message: 'give words or alone (or both)' }),
)
