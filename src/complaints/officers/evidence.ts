import type { Kysely } from 'kysely'
import type { Keyring } from '../../core/keyring.js'
import type { Database } from '../../db/schema.js'
import { findEvidence, listEvidenceMeta } from './repository.js'

// Evidence leaves the console only as an attachment: a type from a short list (anything else
// is application/octet-stream) and a name made here, "หลักฐาน-2.pdf". The name the
// complainant's file had (a person's name, a folder, a scanner's serial) is never shown: it
// is not stored for new evidence, and any stored earlier is not read.

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

const WORD = { th: 'หลักฐาน', en: 'evidence' }

/** What officers see and download: the evidence's place in the case and its real type. */
export function evidenceName(position: number, mime: string): string {
  const base = safeMime(mime).split(';')[0] ?? ''
  return `${WORD.th}-${position}.${SAFE_TYPES[base] ?? 'bin'}`
}

/** RFC 5987 attr-chars only: encodeURIComponent leaves ' ( ) * ! as they are. */
const encode5987 = (s: string) =>
  encodeURIComponent(s).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/**
 * Content-Disposition (RFC 6266) with the UTF-8 name in filename* (RFC 5987) and, for
 * browsers that ignore it, an ASCII name: "evidence-2.pdf" for "หลักฐาน-2.pdf".
 */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replaceAll(WORD.th, WORD.en).replace(/[^\x20-\x7e]|["\\;]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encode5987(fileName)}`
}

export async function evidenceFile(
  db: Kysely<Database>,
  keyring: Keyring,
  c: { orgId: string; caseId: string; code: string; evidenceId: string },
): Promise<{ id: string; bytes: Uint8Array<ArrayBuffer>; mime: string; fileName: string } | null> {
  const row = await findEvidence(db, c.orgId, c.caseId, c.evidenceId)
  if (!row) return null
  const position = (await listEvidenceMeta(db, c.caseId)).findIndex((e) => e.id === row.id) + 1
  return {
    id: row.id,
    bytes: await keyring.open(row.key_id, row.content),
    mime: safeMime(row.mime),
    fileName: evidenceName(position, row.mime),
  }
}
