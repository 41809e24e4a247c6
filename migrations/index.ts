import type { Migration } from 'kysely/migration'
import * as m20261122T0100 from './2026-11-22T0100-foundation.js'
import * as m20261122T0200b from './2026-11-22T0200-broadcasts.js'
import * as m20261122T0300 from './2026-11-22T0300-admin.js'
import * as m20261122T0400 from './2026-11-22T0400-api-tokens.js'
import * as m20261122T0500 from './2026-11-22T0500-admin-line-link.js'
import * as m20261122T0600 from './2026-11-22T0600-budget.js'
import * as m20261122T0700 from './2026-11-22T0700-dialogues.js'
import * as m20261122T0800 from './2026-11-22T0800-questions.js'
import * as m20261122T0900 from './2026-11-22T0900-complaints.js'
import * as m20261122T1000 from './2026-11-22T1000-complaints-officers.js'
import * as m20261122T1100 from './2026-11-22T1100-engagement-place.js'
import * as m20261122T1200 from './2026-11-22T1200-line-statistics.js'
import * as m20261122T1300 from './2026-11-22T1300-public-evidence.js'
import * as m20261122T1400 from './2026-11-22T1400-engagement-rollups.js'
import * as m20261122T1500 from './2026-11-22T1500-send-pace.js'
import * as m20261207T0100 from './2026-12-07T0100-complaint-filings.js'
import * as m20261207T0400 from './2026-12-07T0400-follow-throttle.js'
import * as m20261207T0500 from './2026-12-07T0500-officer-grants.js'
import * as m20261208T0100 from './2026-12-08T0100-answer-outbox.js'
import * as m20261208T0600 from './2026-12-08T0600-org-profile.js'
import * as m20261208T0900 from './2026-12-08T0900-contact-languages.js'
import * as m20261209T0100 from './2026-12-09T0100-webhook-seen.js'

// A static list, not a folder scan, so the Worker bundle carries the migrations too.
// Append new migrations; never edit or reorder landed ones.
export const migrations: Record<string, Migration> = {
  '2026-11-22T0100-foundation': m20261122T0100,
  '2026-11-22T0200-broadcasts': m20261122T0200b,
  '2026-11-22T0300-admin': m20261122T0300,
  '2026-11-22T0400-api-tokens': m20261122T0400,
  '2026-11-22T0500-admin-line-link': m20261122T0500,
  '2026-11-22T0600-budget': m20261122T0600,
  '2026-11-22T0700-dialogues': m20261122T0700,
  '2026-11-22T0800-questions': m20261122T0800,
  '2026-11-22T0900-complaints': m20261122T0900,
  '2026-11-22T1000-complaints-officers': m20261122T1000,
  '2026-11-22T1100-engagement-place': m20261122T1100,
  '2026-11-22T1200-line-statistics': m20261122T1200,
  '2026-11-22T1300-public-evidence': m20261122T1300,
  '2026-11-22T1400-engagement-rollups': m20261122T1400,
  '2026-11-22T1500-send-pace': m20261122T1500,
  '2026-12-07T0100-complaint-filings': m20261207T0100,
  '2026-12-07T0400-follow-throttle': m20261207T0400,
  '2026-12-07T0500-officer-grants': m20261207T0500,
  '2026-12-08T0100-answer-outbox': m20261208T0100,
  '2026-12-08T0600-org-profile': m20261208T0600,
  '2026-12-08T0900-contact-languages': m20261208T0900,
  '2026-12-09T0100-webhook-seen': m20261209T0100,
}
