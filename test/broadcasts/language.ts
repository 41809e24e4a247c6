import { importBudgetFile } from '../../src/budget/import.js'
import { storeUpload } from '../../src/budget/service.js'
import { friendKey } from '../../src/contacts/keys.js'
import { saveLanguage } from '../../src/contacts/language-repository.js'
import type { Lang } from '../../src/core/lang.js'
import { fixture } from '../budget/helpers.js'
import { type Harness, ORG, seedFollowers } from './harness.js'

// Shared by the language tests of broadcasts: followers with every kind of language row, and
// the strings that only an English copy of a message would carry.

/** Followers 1–4: chose English; LINE in English, chose nothing; LINE in English, chose Thai; nothing. */
export async function seedLanguages(h: Harness): Promise<string[]> {
  const users = await seedFollowers(h, 4)
  const rows: [number, Lang, boolean][] = [
    [0, 'en', true],
    [1, 'en', false],
    [2, 'th', true],
  ]
  for (const [i, lang, chosen] of rows) {
    const id = users[i] ?? ''
    await saveLanguage(h.t.db, ORG, await friendKey(h.keyring, id), lang, chosen)
    // LINE would report English for all three: a broadcast must not ask it (nor go by it).
    h.line.setLanguage(id, 'en')
  }
  return users
}

export function leaves(v: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof v === 'string') out.add(v)
  else if (Array.isArray(v)) for (const x of v) leaves(x, out)
  else if (v && typeof v === 'object') for (const x of Object.values(v)) leaves(x, out)
  return out
}

/**
 * Texts of the English copy that the Thai copy does not share (colours, URLs and data are
 * shared). Compared whole: Thai texts name the policy "No Gift Policy" as official Thai does.
 */
export function englishOnly(th: unknown, en: unknown): string[] {
  const thai = leaves(th)
  return [...leaves(en)].filter((s) => !thai.has(s) && /[A-Za-z]{3}/.test(s))
}

/** The fiscal year 2569 budget of the fixtures, as an officer's upload stores it. */
export async function seedBudget(h: Harness): Promise<void> {
  const bytes = fixture('budget-2569.csv')
  const r = await importBudgetFile(bytes, 'budget-2569.csv', {
    maxBytes: 5 * 1024 * 1024,
    fiscalYear: 2569,
    latestFiscalYear: 2571,
  })
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  const rows = r.rows
  await h.t.db.transaction().execute((trx) =>
    storeUpload(trx, {
      orgId: ORG,
      uploader: { id: 'seed', email: 'seed@agency.go.th' },
      fileName: 'budget-2569.csv',
      fileType: r.fileType,
      bytes,
      fiscalYear: 2569,
      asOf: '2026-03-31',
      rows,
      now: h.clock.now(),
    }),
  )
}
