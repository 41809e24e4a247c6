import type { EvidenceKind } from '../tables.js'

export type { EvidenceKind }

/** Thai first, English beside it: shown to the complainant as is. */
export interface EvidenceMessage {
  th: string
  en: string
}

export interface EvidenceLimits {
  /** Refused before anything is parsed. Default: env EVIDENCE_MAX_BYTES (10 MB). */
  maxBytes: number
  /**
   * Images larger than this are refused before decoding: pure-JS re-encoding costs about
   * 0.25 s of CPU and ~15 MB of memory per megapixel, and a Worker has 128 MB in all.
   */
  maxPixels?: number
  /**
   * Everything one file may inflate to, all decoders together (zip entries at every level,
   * PDF streams, PNG pixel rows): each decoder stops at what is left. Default: env
   * EVIDENCE_MAX_INFLATED_BYTES (64 MB).
   */
  maxInflatedBytes?: number
  /** Several files in one request share this allowance (web form: twice the per-file one). */
  maxRequestInflatedBytes?: number
  /** What the request's earlier files already inflated. */
  requestInflatedUsed?: number
}

export type RefusalReason = 'too_large' | 'unsupported' | 'corrupt' | 'empty'

export interface Refusal {
  ok: false
  reason: RefusalReason
  message: EvidenceMessage
}

export interface Accepted {
  ok: true
  kind: EvidenceKind
  mime: string
  bytes: Uint8Array
  /** Without the dot; derived from the content, never from the name the sender gave. */
  extension: string
  /** Bytes inflated while cleaning: the caller sums them against the request's allowance. */
  inflatedBytes?: number
}

export type Sanitized = Accepted | Refusal

/** What the sender claimed. Kept for the caller's records only: it never decides anything. */
export interface EvidenceHint {
  contentType?: string
  fileName?: string
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024
/** 16 MP admits a 12 MP phone photo (4000×3000) and a 4096×4096 scan. */
export const DEFAULT_MAX_PIXELS = 16_000_000
/** A 16 MP RGB photo's pixel rows are 48 MB; Office and PDF text rarely reach a tenth of this. */
export const DEFAULT_MAX_INFLATED_BYTES = 64 * 1024 * 1024

export function evidenceLimitsFromEnv(env: {
  EVIDENCE_MAX_BYTES?: number
  EVIDENCE_MAX_PIXELS?: number
  EVIDENCE_MAX_INFLATED_BYTES?: number
}): EvidenceLimits {
  const inflated = env.EVIDENCE_MAX_INFLATED_BYTES ?? DEFAULT_MAX_INFLATED_BYTES
  return {
    maxBytes: env.EVIDENCE_MAX_BYTES ?? DEFAULT_MAX_BYTES,
    maxPixels: env.EVIDENCE_MAX_PIXELS ?? DEFAULT_MAX_PIXELS,
    maxInflatedBytes: inflated,
    maxRequestInflatedBytes: 2 * inflated,
  }
}

/** Raised inside a sanitizer to refuse with a specific reason; anything else thrown means corrupt. */
export class EvidenceRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reason)
  }
}
