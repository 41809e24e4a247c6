import { pick } from '../../../core/lang.js'
import type { FormDef, FormField } from '../../../flows/schema-dialogues.js'
import { type FieldErrors, type Values, webFields } from '../fields.js'
import { Layout, Lines, otherLang, type Page, withLang } from './layout.js'

export interface Limits {
  maxFiles: number
  eachMb: number
  totalMb: number
}

export interface ReportProps {
  p: Page
  def: FormDef
  promise: string
  token: string
  limits: Limits
  values?: Values
  errors?: FieldErrors
  /** Refused files and other problems with the whole form. */
  problems?: string[]
  /** Whether the refused post carried files (a browser never sends them back: say so then only). */
  filesChosen?: boolean
  banner?: string
}

// WebP is offered too: Node's cleaner turns it into a JPEG; on Workers it is refused with a message.
export const ACCEPT =
  'image/jpeg,image/png,image/webp,application/pdf,.docx,.xlsx,.pptx,text/plain,.txt,video/mp4,audio/mp4,.m4a'

function Err(props: { id: string; text: string | undefined }) {
  return props.text ? (
    <p class="err" id={`err-${props.id}`} role="alert">
      {props.text}
    </p>
  ) : null
}

function Field(props: { f: FormField; r: ReportProps }) {
  const { f, r } = props
  const { t, lang } = r.p
  const value = r.values?.[f.id] ?? ''
  const prompt = pick(f.prompt, lang)
  const error = r.errors?.[f.id]
  if (f.type === 'choice') {
    const chosen = value || (f.choices.some((c) => c.value === 'anonymous') ? 'anonymous' : '')
    return (
      <fieldset id={`q-${f.id}`}>
        <legend>{prompt}</legend>
        {f.choices.map((c) => (
          <label class="choice">
            <input type="radio" name={f.id} value={c.value} checked={chosen === c.value} required />
            {pick(c.label, lang)}
          </label>
        ))}
        <Err id={f.id} text={error} />
      </fieldset>
    )
  }
  if (f.type === 'attachments') {
    return (
      <label class="q" id={`q-${f.id}`} for={f.id}>
        {prompt}
        <span class="hint">
          {t('filesHint', { n: r.limits.maxFiles, each: r.limits.eachMb, total: r.limits.totalMb })}
        </span>
        <input type="file" name={f.id} id={f.id} multiple accept={ACCEPT} />
        <Err id={f.id} text={error} />
        {r.problems?.map((m) => (
          <span class="msg error problem" role="alert">
            {m}
          </span>
        ))}
        {r.filesChosen && failed(r) ? <span class="hint">{t('reattach')}</span> : null}
      </label>
    )
  }
  if (f.type !== 'text') return null
  const need = f.when ? t('namedOnly') : f.optional ? t('optional') : t('required')
  return (
    <label class="q" id={`q-${f.id}`} for={f.id}>
      {prompt}
      <span class="hint">{`${need} · ${t('maxChars', { n: f.max })}`}</span>
      {f.max > 300 ? (
        <textarea name={f.id} id={f.id} rows={f.max >= 2000 ? 8 : 3}>
          {value}
        </textarea>
      ) : (
        <input type="text" name={f.id} id={f.id} value={value} autocomplete="off" />
      )}
      <Err id={f.id} text={error} />
    </label>
  )
}

const failed = (r: ReportProps) => (r.problems?.length ?? 0) > 0 || Object.keys(r.errors ?? {}).length > 0

/** Where a link to a question lands: the field itself, or a group of choices' fieldset. */
const anchor = (f: FormField) => (f.type === 'choice' ? `q-${f.id}` : f.id)

/**
 * First thing in the page after a refused post, focused without script (autofocus): on a phone
 * the reloaded page shows it at once, each item a link to its question. Questions in the form's
 * order, then refused files (linked to the evidence question).
 */
function ErrorSummary(props: { r: ReportProps }) {
  const { r } = props
  const { p } = r
  const fields = webFields(r.def)
  const items = fields.flatMap((f) => {
    const e = r.errors?.[f.id]
    return e ? [{ href: `#${anchor(f)}`, text: e }] : []
  })
  const files = fields.find((f) => f.type === 'attachments')
  for (const m of r.problems ?? []) items.push({ href: `#${files ? anchor(files) : 'submit'}`, text: m })
  if (r.banner) {
    return (
      <div class="summary" id="banner" role="alert" tabindex={-1} autofocus>
        <p>{r.banner}</p>
        {r.filesChosen ? <p>{p.t('reattach')}</p> : null}
      </div>
    )
  }
  if (items.length === 0) return null
  return (
    <div class="summary" id="fix" role="alert" tabindex={-1} autofocus>
      <h2>{p.t('fixErrors')}</h2>
      <ul>
        {items.map((i) => (
          <li>
            <a href={i.href}>{i.text}</a>
          </li>
        ))}
      </ul>
      {r.filesChosen ? <p>{p.t('reattach')}</p> : null}
    </div>
  )
}

export function ReportPage(r: ReportProps) {
  const { p } = r
  return (
    <Layout p={p} title={pick(r.def.title, p.lang)} switchHref={otherLang(p.base, p.lang)}>
      <ErrorSummary r={r} />
      <p>{pick(r.def.intro, p.lang)}</p>
      <section class="promise" aria-label={p.t('promise')}>
        <Lines text={r.promise} />
      </section>
      <p class="hint">{p.t('siteNote')}</p>
      <form method="post" action={withLang(p.base, p.lang)} enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={r.token} />
        {webFields(r.def).map((f) => (
          <Field f={f} r={r} />
        ))}
        <button type="submit" id="submit">
          {p.t('submit')}
        </button>
      </form>
      <p>
        <a href={withLang(`${p.base}/follow`, p.lang)}>{p.t('followLink')}</a>
      </p>
    </Layout>
  )
}
