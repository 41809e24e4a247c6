import { noGift } from '../broadcasts/console/broadcasts.fixture.js'
import type { TestApp } from '../helpers/app.js'
import { envelope, fromUser, signedRequest, textEvent } from '../helpers/line-events.js'
import type { Client } from './helpers.js'

type Source = Parameters<typeof textEvent>[1]

/** Asks the console for a link code and reads it off the page, as the admin would. */
export async function issueCode(admin: Client): Promise<string> {
  await admin.get('/admin/line-link')
  const res = await admin.post('/admin/line-link/code', {})
  if (res.status !== 200) throw new Error(`code page answered ${res.status}`)
  const code = admin.lastHtml.match(/<code>ผูกบัญชี (\d{6})<\/code>/)?.[1]
  if (!code) throw new Error('no code on the page')
  return code
}

/** A signed webhook with one text message, as LINE delivers it, then the inbox drained. */
export async function sendText(t: TestApp, text: string, source: Source = fromUser()): Promise<void> {
  const body = envelope([textEvent(text, source, t.clock.now().getTime())])
  const res = await t.app.fetch(await signedRequest(body))
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`)
  await t.settle()
}

export const links = (t: TestApp) => t.deps.db.selectFrom('admin_line_links').selectAll().execute()

/**
 * The inbox outcome labels, in no particular order (the fixed clock gives one timestamp). Only
 * group events have any: a handled 1:1 event leaves no inbox row at all.
 */
export const outcomes = async (t: TestApp) =>
  (await t.deps.db.selectFrom('webhook_inbox').select('outcome').execute()).map((r) => r.outcome)

/** Rows a real send of a broadcast leaves behind; a test send must leave none. */
export async function deliveryRows(t: TestApp) {
  const count = async (table: 'broadcast_runs' | 'broadcast_deliveries') =>
    Number(
      (
        await t.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    runs: await count('broadcast_runs'),
    deliveries: await count('broadcast_deliveries'),
    // Delivery events only: the persona's first follow is a real event and is logged as one.
    events: Number(
      (
        await t.deps.db
          .selectFrom('engagement_events')
          .where('kind', 'like', 'message.%')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  }
}

/** A No Gift draft for tomorrow 09:00, composed through the form; its id. */
export async function draft(admin: Client): Promise<string> {
  await admin.get('/admin/broadcasts/new')
  const res = await admin.post('/admin/broadcasts', {
    ...noGift,
    mode: 'at',
    date: '2026-11-23',
    time: '09:00',
  })
  if (res.status !== 303) throw new Error(`compose answered ${res.status}`)
  return res.headers.get('location')?.split('/').at(-1) ?? ''
}
