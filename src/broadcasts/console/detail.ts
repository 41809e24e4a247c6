import { linkedSince } from '../../admin/line-link.js'
import type { AdminContext } from '../../app-env.js'
import { consoleCsp, view } from '../../console/http.js'
import { html, type Status } from '../../console/respond.js'
import type { Session } from '../../console/session.js'
import { rendererCss, renderMessages } from '../../simulator/render.js'
import { countByRun } from '../deliveries.js'
import { estimateQuota } from '../quota.js'
import { listAudiences, listRuns } from '../repository.js'
import { ALL_FOLLOWERS, type BroadcastRow, type RunRow, type RunStatus } from '../tables.js'
import { type BroadcastRouteOptions, canCompose, orgOf, quotaSource, UNKNOWN_QUOTA } from './http.js'
import { BroadcastPage, type Progress } from './pages.js'

export interface PageMessage {
  message?: string
  error?: boolean
  problems?: string[]
}

/** Audience ids as the admins named them; "all followers" in the page's language. */
export async function audienceNames(c: AdminContext, s: Session) {
  const v = view(c)
  const m = new Map((await listAudiences(c.var.deps.db, orgOf(s))).map((a) => [a.id, a.name]))
  return (id: string) => (id === ALL_FOLLOWERS ? v.t('aAll') : (m.get(id) ?? '—'))
}

const OPEN: ReadonlySet<RunStatus> = new Set(['pending', 'sending'])

/**
 * How far sending has got: the open runs (or else the latest), counted by delivery status. A
 * broadcast due now with no run yet ("send now" a moment ago) is running too: its page reloads
 * until the run appears and finishes.
 */
async function progressOf(c: AdminContext, b: BroadcastRow, runs: RunRow[]): Promise<Progress> {
  const now = c.var.deps.clock.now()
  const open = runs.filter((r) => OPEN.has(r.status))
  const next = b.next_run_at ?? b.run_at
  const due = b.status === 'scheduled' && b.recurrence === null && next.getTime() <= now.getTime()
  const latest = runs.at(-1)
  const shown = open.length > 0 ? open : latest ? [latest] : []
  const counts = await countByRun(
    c.var.deps.db,
    b.org_id,
    shown.map((r) => r.id),
  )
  const empty = { pending: 0, sending: 0, sent: 0, failed: 0 }
  return {
    running: open.length > 0 || b.status === 'sending' || due,
    runs: shown.map((run) => ({ run, counts: counts.get(run.id) ?? empty })),
  }
}

/** The broadcast page: preview as LINE shows it, quota, actions, test send, runs. */
export async function renderDetail(
  c: AdminContext,
  s: Session,
  b: BroadcastRow,
  opts: BroadcastRouteOptions,
  msg: PageMessage = {},
  status: Status = 200,
) {
  const { db, simulator } = c.var.deps
  const q = await quotaSource(c, opts)(orgOf(s))
  const quota = await estimateQuota(db, async () => q ?? UNKNOWN_QUOTA, orgOf(s), b.audience)
  // Flex previews draw with inline style attributes (sanitized by the renderer): allow those only.
  c.header('Content-Security-Policy', consoleCsp(c.var.nonce, { preview: true }))
  const composer = canCompose(s)
  const runs = await listRuns(db, orgOf(s), b.id)
  const page = BroadcastPage({
    v: view(c),
    b,
    audienceName: (await audienceNames(c, s))(b.audience),
    preview: renderMessages(b.messages),
    previewCss: rendererCss,
    quota,
    quotaKnown: q !== null,
    runs,
    progress: await progressOf(c, b, runs),
    canCompose: composer,
    line: c.var.deps.lineStatus.of(orgOf(s)),
    ...(composer
      ? {
          testSend: {
            personas: simulator?.personas ?? null,
            linked: (await linkedSince(db, orgOf(s), s.admin.id)) !== null,
            sendId: crypto.randomUUID(),
          },
        }
      : {}),
    ...msg,
  })
  return html(c, page, status)
}
