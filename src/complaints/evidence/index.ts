export {
  BUSY,
  type Cleaned,
  type EvidenceCleaner,
  inlineCleaner,
  type NotCleaned,
  notCleaned,
} from './cleaner.js'
export { sanitizeEvidence } from './sanitize.js'
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_PIXELS,
  type EvidenceHint,
  type EvidenceKind,
  type EvidenceLimits,
  type EvidenceMessage,
  evidenceLimitsFromEnv,
  type Refusal,
  type RefusalReason,
  type Sanitized,
} from './types.js'
