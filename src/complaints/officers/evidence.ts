import type { Kysely } from 'kysely'
import { fromUtf8 } from '../../core/bytes.js'
import type { Keyring } from '../../core/keyring.js'
import type { Database } from '../../db/schema.js'
import { findEvidence } from './repository.js'

// Evidence leaves the console only as an attachment: a type from a short list (anything else
// is application/octet-stream), a file name stripped of paths, quotes and control characters.

const SAFE_TYPES: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/mpeg': 'mp3',
  'audio/aac': 'aac',
  'text/plain': 'txt',
  'application/zip': 'zip',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
}

export function safeMime(mime: string): string {
  const base = mime.split(';')[0]?.trim().toLowerCase() ?? ''
  if (base === 'text/plain') return 'text/plain; charset=utf-8'
  return Object.hasOwn(SAFE_TYPES, base) ? base : 'application/octet-stream'
}

/** A name for the download: the complainant's file name when it is usable, else the code and number. */
export function safeFileName(name: string | null, fallback: string, mime: string): string {
  const cleaned = (name ?? '')
    .replace(/[\p{Cc}\p{Cf}"'\\/:*?<>|;]+/gu, '_')
    .replace(/^[.\s_]+/, '')
    .trim()
    .slice(0, 100)
  if (cleaned.length > 0) return cleaned
  const base = safeMime(mime).split(';')[0] ?? ''
  return `${fallback}.${SAFE_TYPES[base] ?? 'bin'}`
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

export async function evidenceFile(
  db: Kysely<Database>,
  keyring: Keyring,
  c: { orgId: string; caseId: string; code: string; evidenceId: string },
): Promise<{ id: string; bytes: Uint8Array<ArrayBuffer>; mime: string; fileName: string } | null> {
  const row = await findEvidence(db, c.orgId, c.caseId, c.evidenceId)
  if (!row) return null
  const name = row.name ? fromUtf8(await keyring.open(row.key_id, row.name)) : null
  return {
    id: row.id,
    bytes: await keyring.open(row.key_id, row.content),
    mime: safeMime(row.mime),
    fileName: safeFileName(name, `${c.code}-${row.id.slice(0, 8)}`, row.mime),
  }
}
