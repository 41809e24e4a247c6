import type { Kysely } from 'kysely'
import { utf8 } from '../core/bytes.js'
import type { Keyring } from '../core/keyring.js'
import type { Bilingual } from '../core/lang.js'
import { defineMessages } from '../core/messages.js'
import { newCode, type Random } from '../core/receipt.js'
import { BE_OFFSET, localDay } from '../core/time/index.js'
import type { Database } from '../db/schema.js'
import { insertGiftReport } from './repository.js'

/** NACC rule: gifts by custom up to 3,000 baht per person per occasion; the report bands by it. */
export const VALUE_BANDS = [
  { id: 'upto3000', max: 3000 },
  { id: 'upto10000', max: 10000 },
  { id: 'over10000', max: Number.POSITIVE_INFINITY },
] as const

/** Each band in words, by its id. */
export const bandWords = defineMessages({
  upto3000: ['ไม่เกิน 3,000 บาท', 'Up to 3,000 baht'],
  upto10000: ['3,001–10,000 บาท', '3,001–10,000 baht'],
  over10000: ['เกิน 10,000 บาท', 'Over 10,000 baht'],
} as const satisfies Record<(typeof VALUE_BANDS)[number]['id'], Bilingual>)

export const bandOf = (valueBaht: string) => {
  const v = Number(valueBaht)
  return VALUE_BANDS.find((b) => v <= b.max) ?? VALUE_BANDS[2]
}

/** "GR-2569-7K3Q9M": the Buddhist year and random letters, so references reveal no count or order. */
export function giftReference(now: Date, tz: string, random: Random): string {
  return newCode('GR', Number(localDay(now, tz).slice(0, 4)) + BE_OFFSET, random)
}

export interface GiftInput {
  giverType: string
  item: string
  value: string
  receivedOn: string
  handling: string
}

export function readGiftInput(a: Readonly<Record<string, string>>): GiftInput | null {
  const { giverType, item, value, receivedOn, handling } = a
  if (!giverType || !item || value === undefined || !receivedOn || !handling) return null
  // The form checked it; the database checks again (value_baht >= 0).
  if (!/^\d+(\.\d{1,2})?$/.test(value)) return null
  return { giverType, item, value, receivedOn, handling }
}

export async function recordGift(
  db: Kysely<Database>,
  keyring: Keyring,
  orgId: string,
  input: GiftInput,
  opts: { now: Date; tz: string; reference: string; id: string },
): Promise<void> {
  await insertGiftReport(db, {
    id: opts.id,
    org_id: orgId,
    reference: opts.reference,
    giver_type: input.giverType,
    value_baht: input.value,
    received_on: input.receivedOn,
    handling: input.handling,
    details: await keyring.seal(utf8(input.item)),
    key_id: keyring.keyId,
    reported_on: localDay(opts.now, opts.tz),
  })
}
