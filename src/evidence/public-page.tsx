import { cellText } from '../complaints/suppression.js'
import type { Lang } from '../core/lang.js'
import { defineMessages } from '../core/messages.js'
import { formatDay } from '../core/time/index.js'
import { num, pct, pick } from './format.js'
import { evidenceWords } from './labels.js'
import { THAI_FONTS } from './print-page.js'
import { type Ctx, RESULTS_CSS, ResultsTable } from './results-table.js'
import type { EvidenceReport, MeasureReport } from './types.js'

// /public/…/ita/<fy>: what an agency links from its website. Totals per measure only: no
// broadcast title or audience, no group, no unit, nothing per person; complaint figures keep
// their small-cell protection ("<5").

const publicWords = defineMessages({
  title: ['ผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส', 'Integrity and transparency measures: results'],
  sends: ['ส่งข้อความถึงบุคลากร (ครั้ง)', 'Messages sent to staff'],
  note: [
    'ตัวเลขรวมจากบันทึกการใช้งานแบบนามแฝงของบอต LINE ของหน่วยงาน ไม่มีข้อมูลรายบุคคล',
    "Totals from the agency's LINE bot's pseudonymous log; nothing about any one person.",
  ],
  offTitle: ['ไม่พบหน้าเผยแพร่', 'No public page here'],
  off: [
    'หน่วยงานนี้ยังไม่ได้เปิดเผยแพร่ผลการดำเนินงานตามมาตรการ หรือที่อยู่นี้ไม่ถูกต้อง',
    'This agency has not published its results here, or the address is wrong.',
  ],
})

const css = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 ${THAI_FONTS};color:#1b1f23;background:#f5f6f8}
header{background:#1f3b73;color:#fff;padding:.8rem 1rem}header a{color:#fff}main{max-width:960px;margin:0 auto;padding:1rem}
h1{font-size:1.3rem;margin:.2rem 0}section{background:#fff;border-radius:8px;padding:.6rem 1rem;margin:1rem 0}
table{border-collapse:collapse;width:100%}td,th{padding:.4rem .5rem;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:top}
.figures td{font-weight:600}#org-name{display:flex;gap:.6rem;align-items:center;font-weight:600}#org-name img{height:3rem;width:auto;max-width:8rem}${RESULTS_CSS}`

function Shell(props: { lang: Lang; nonce: string; title: string; other: string; children: unknown }) {
  const other = props.lang === 'th' ? 'English' : 'ภาษาไทย'
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="icon" href="data:," />
        <style nonce={props.nonce} dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <header>
          <a href={props.other} hreflang={props.lang === 'th' ? 'en' : 'th'}>
            {other}
          </a>
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  )
}

function Figures(props: { lang: Lang; m: MeasureReport }) {
  const t = evidenceWords(props.lang)
  const p = publicWords(props.lang)
  const { m } = props
  const sends = m.broadcasts.reduce((n, b) => n + b.sentAt.length, 0)
  const complaints = m.returned.filter((r) => r.kind.startsWith('complaint.'))
  return (
    <table class="figures">
      <tbody>
        <tr>
          <th scope="row">{p('sends')}</th>
          <td class="sends">{num(sends)}</td>
        </tr>
        <tr>
          <th scope="row">{t('people')}</th>
          <td class="people">{num(m.reach.people)}</td>
        </tr>
        <tr>
          <th scope="row">{t('ackRate')}</th>
          <td class="ack-rate">{pct(m.reach.ackRate, t('unknown'))}</td>
        </tr>
        {complaints.map((r) => (
          <tr data-kind={r.kind}>
            <th scope="row">{pick(r.label, props.lang)}</th>
            <td class="count">{cellText(r.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function PublicPage(props: {
  report: EvidenceReport
  lang: Lang
  nonce: string
  tz: string
  other: string
  /** The agency's logo (orgs/logo-routes.ts), beside its name. */
  logoUrl?: string | null
}) {
  const { report, lang } = props
  const t = evidenceWords(lang)
  const p = publicWords(lang)
  const ctx: Ctx = { lang, tz: props.tz }
  const title = `${p('title')} · ${t('fy')} ${report.fiscalYear}`
  return (
    <Shell lang={lang} nonce={props.nonce} title={`${title} · ${report.orgName}`} other={props.other}>
      <p id="org-name">
        {props.logoUrl ? <img src={props.logoUrl} alt="" id="org-logo" /> : null}
        {report.orgName}
      </p>
      <h1>{title}</h1>
      <p id="as-of">
        {t('upTo')} {formatDay(report.upTo, lang)}
      </p>
      <p>
        <small>{p('note')}</small>
      </p>
      {report.empty ? (
        <p id="empty">{t('empty')}</p>
      ) : (
        report.measures.map((m) => (
          <section class="measure" data-measure={m.id}>
            <h2>{pick(m.name, lang)}</h2>
            <Figures lang={lang} m={m} />
            <div class="table">
              <ResultsTable ctx={ctx} m={m} />
            </div>
          </section>
        ))
      )}
    </Shell>
  )
}

/** Off, unknown organization or unknown year: one page, so it tells nothing about which. */
export function PublicOffPage(props: { lang: Lang; nonce: string; other: string; message?: string }) {
  const p = publicWords(props.lang)
  // Both languages: whoever followed a dead link may read either.
  const q = publicWords(props.lang === 'th' ? 'en' : 'th')
  return (
    <Shell
      lang={props.lang}
      nonce={props.nonce}
      title={`${p('offTitle')} / ${q('offTitle')}`}
      other={props.other}
    >
      <h1>{p('offTitle')}</h1>
      <p id="off">{props.message ?? p('off')}</p>
      <p lang={props.lang === 'th' ? 'en' : 'th'}>{q('off')}</p>
    </Shell>
  )
}
