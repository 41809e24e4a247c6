import { type Lang, pick } from '../../core/lang.js'
import type { FilePart } from '../../core/multipart.js'
import type { Cleaned } from '../evidence/cleaner.js'
import type { Accepted, EvidenceHint, EvidenceLimits } from '../evidence/types.js'
import type { T } from './i18n.js'

// Evidence from a multipart body: each file goes through the evidence sanitizer (metadata
// removed, type decided by the content); one refusal names the file and nothing is stored.
// The file's name is shown back to the complainant in a refusal and goes no further: a name
// like "ร้องเรียน_สมชาย_กองคลัง.pdf" would tell officers who sent it. Officers see
// "หลักฐาน-1.pdf" (complaints/officers/evidence.ts).

export type Sanitize = (
  bytes: Uint8Array,
  hint: EvidenceHint,
  limits: EvidenceLimits,
) => Cleaned | Promise<Cleaned>

export type CleanFile = Accepted

type BodyValue = string | FilePart | (string | FilePart)[] | undefined

/** The files of one field; a browser sends an empty, unnamed part when none was chosen. */
export function filesOf(value: BodyValue): FilePart[] {
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return all.filter(
    (v): v is FilePart => typeof v !== 'string' && !(v.bytes.length === 0 && v.filename === ''),
  )
}

export async function sanitizeFiles(
  files: FilePart[],
  max: number,
  sanitize: Sanitize,
  limits: EvidenceLimits,
  t: T,
  lang: Lang,
): Promise<{ ok: true; files: CleanFile[] } | { ok: false; errors: string[] }> {
  if (files.length > max) return { ok: false, errors: [t('tooManyFiles', { n: files.length, max })] }
  const clean: CleanFile[] = []
  const errors: string[] = []
  // The files of one post share one inflating allowance: each is told what the others took.
  let inflated = 0
  for (const file of files) {
    const shown = file.filename.slice(0, 100) || '?'
    // The part's own buffer moves to a cleaning thread as it is (the pool transfers it).
    const r = await sanitize(
      file.bytes,
      { contentType: file.type, fileName: file.filename },
      { ...limits, requestInflatedUsed: inflated },
    )
    if (r.ok) {
      // Counted here and not carried on: a clean file holds its bytes and real type only.
      const { inflatedBytes = 0, ...file } = r
      inflated += inflatedBytes
      clean.push(file)
    } else errors.push(t('fileRefused', { f: shown }) + pick(r.message, lang))
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, files: clean }
}
