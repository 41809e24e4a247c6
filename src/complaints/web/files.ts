import type { Accepted, EvidenceHint, EvidenceLimits, Sanitized } from '../evidence/types.js'
import type { Lang, T } from './i18n.js'

// Evidence from a multipart body: each file goes through the evidence sanitizer (metadata
// removed, type decided by the content); one refusal names the file and nothing is stored.

export type Sanitize = (
  bytes: Uint8Array,
  hint: EvidenceHint,
  limits: EvidenceLimits,
) => Sanitized | Promise<Sanitized>

export interface CleanFile extends Accepted {
  /** The sender's file name, its extension replaced by the one the content proved. */
  name: string
}

type BodyValue = string | File | (string | File)[] | undefined

/** The files of one field; a browser sends an empty, unnamed part when none was chosen. */
export function filesOf(value: BodyValue): File[] {
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return all.filter((v): v is File => typeof v !== 'string' && !(v.size === 0 && v.name === ''))
}

/** At most 100 characters, no path, no control characters; the real type's extension. */
export function cleanName(given: string, extension: string): string {
  const base = (given.split(/[\\/]/).pop() ?? '')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\.[^.]*$/, '')
    .trim()
    .slice(0, 90)
  return `${base || 'evidence'}.${extension}`
}

export async function sanitizeFiles(
  files: File[],
  max: number,
  sanitize: Sanitize,
  limits: EvidenceLimits,
  t: T,
  lang: Lang,
): Promise<{ ok: true; files: CleanFile[] } | { ok: false; errors: string[] }> {
  if (files.length > max) return { ok: false, errors: [t('tooManyFiles', { n: files.length, max })] }
  const clean: CleanFile[] = []
  const errors: string[] = []
  for (const file of files) {
    const shown = file.name.slice(0, 100) || '?'
    const r = await sanitize(
      new Uint8Array(await file.arrayBuffer()),
      { contentType: file.type, fileName: file.name },
      limits,
    )
    if (r.ok) clean.push({ ...r, name: cleanName(file.name, r.extension) })
    else errors.push(t('fileRefused', { f: shown }) + (lang === 'en' ? r.message.en : r.message.th))
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, files: clean }
}
