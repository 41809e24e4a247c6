import { type Kysely, sql } from 'kysely'

// Complaints (issue 5). A case carries no LINE user id, no key derived from one and no time
// finer than the day; content, evidence and identity are sealed (AES-GCM, key id stored).
// Officers' actions are timestamped: they are about officers, not the complainant.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('complaint_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('line', 'web')`))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('identity', 'text', (c) => c.notNull().check(sql`identity in ('anonymous', 'named')`))
    .addColumn('content', 'bytea')
    .addColumn('identity_sealed', 'bytea')
    .addColumn('notify_to', 'bytea')
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('received')
        .check(sql`status in ('received', 'acknowledged', 'under_review', 'investigating', 'closed')`),
    )
    .addColumn('outcome', 'text', (c) =>
      c.check(sql`outcome in ('substantiated', 'unsubstantiated', 'referred')`),
    )
    .addColumn('received_on', 'date', (c) => c.notNull())
    .addColumn('acknowledged_on', 'date')
    .addColumn('closed_on', 'date')
    .addColumn('ack_due', 'date', (c) => c.notNull())
    .addColumn('feedback_due', 'date', (c) => c.notNull())
    .addColumn('expires_on', 'date')
    .addColumn('stub', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('failed_checks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addCheckConstraint('complaint_cases_named', sql`identity = 'named' or identity_sealed is null`)
    .addCheckConstraint('complaint_cases_closed', sql`(status = 'closed') = (outcome is not null)`)
    .execute()
  await sql`create unique index complaint_cases_code on complaint_cases (org_id, code)`.execute(db)
  await sql`create index complaint_cases_open on complaint_cases (org_id, status, feedback_due)`.execute(db)

  // Two-way messages, in order; complainants' carry only the day.
  await db.schema
    .createTable('complaint_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull().references('complaint_cases.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull().check(sql`author in ('complainant', 'officer')`))
    .addColumn('officer_id', 'text')
    .addColumn('body', 'bytea', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('sent_on', 'date', (c) => c.notNull())
    .execute()
  await sql`create unique index complaint_messages_seq on complaint_messages (case_id, seq)`.execute(db)

  // Evidence: while the complaint is a draft it belongs to the draft's (daily, pseudonymous)
  // key; on submit it moves to the case and the draft key is erased.
  await db.schema
    .createTable('complaint_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.references('complaint_cases.id').onDelete('cascade'))
    .addColumn('draft_key', 'text')
    .addColumn('source_message', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('image', 'file', 'video', 'audio')`))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('name', 'bytea')
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('added_on', 'date', (c) => c.notNull())
    .addColumn('draft_expires_at', 'timestamptz')
    .addCheckConstraint(
      'complaint_evidence_owner',
      sql`(case_id is null) = (draft_key is not null) and (case_id is null or source_message is null)`,
    )
    .execute()
  await sql`create index complaint_evidence_case on complaint_evidence (case_id)`.execute(db)
  await sql`create index complaint_evidence_draft on complaint_evidence (org_id, draft_key)`.execute(db)

  await db.schema
    .createTable('complaint_status_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull().references('complaint_cases.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('officer_id', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('complaint_exclusions')
    .addColumn('case_id', 'text', (c) => c.notNull().references('complaint_cases.id').onDelete('cascade'))
    .addColumn('admin_id', 'text', (c) => c.notNull())
    .addColumn('excluded_by', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_exclusions_pk', ['case_id', 'admin_id'])
    .execute()

  await db.schema
    .createTable('complaint_reveal_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull().references('complaint_cases.id').onDelete('cascade'))
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'approved', 'rejected')`),
    )
    .addColumn('decided_by', 'text')
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz')
    .addColumn('complainant_told_at', 'timestamptz')
    .addCheckConstraint('complaint_reveal_second', sql`decided_by is null or decided_by <> requested_by`)
    .execute()

  // Which deadline reminder went out for a case, so ticks and instances send each once.
  await db.schema
    .createTable('complaint_reminders')
    .addColumn('case_id', 'text', (c) => c.notNull().references('complaint_cases.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_reminders_pk', ['case_id', 'kind'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'complaint_reminders',
    'complaint_reveal_requests',
    'complaint_exclusions',
    'complaint_status_log',
    'complaint_evidence',
    'complaint_messages',
    'complaint_cases',
  ]) {
    await db.schema.dropTable(t).execute()
  }
}
