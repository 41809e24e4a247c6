import { Layout, type Page, withLang } from './layout.js'

/** Shown once, never cached: the code and the secret, and how to keep them. */
export function FiledPage(props: {
  p: Page
  code: string
  secret: string
  evidence: number
  entryTime: string
}) {
  const { p } = props
  return (
    <Layout p={p} title={p.t('filedTitle')}>
      <div class="receipt">
        <p>{p.t('code')}</p>
        <code id="case-code">{props.code}</code>
        <p>{p.t('secret')}</p>
        <code id="case-secret">{props.secret}</code>
      </div>
      <p class="msg error" role="alert" id="keep-safe">
        {p.t('keepSafe')}
      </p>
      <p>{p.t('evidenceStored', { n: props.evidence })}</p>
      <p id="enters-at">{p.t('entersAt', { time: props.entryTime })}</p>
      <p>
        <a href={withLang(`${p.base}/follow`, p.lang)}>{p.t('followLink')}</a>
      </p>
    </Layout>
  )
}
