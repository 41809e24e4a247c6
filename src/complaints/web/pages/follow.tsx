import { pick } from '../../../core/lang.js'
import type { FormDef } from '../../../flows/schema-dialogues.js'
import { Layout, Msg, otherLang, type Page, withLang } from './layout.js'

export interface FollowProps {
  p: Page
  def: FormDef | undefined
  token: string
  code?: string
  error?: string
  /** A reply that could not be sent because access expired: shown to copy, never re-posted. */
  unsent?: string
}

/** Code and secret, posted (never in a URL). */
export function FollowPage(props: FollowProps) {
  const { p, def } = props
  const prompt = (id: string, fallback: string) => {
    const f = def?.fields.find((x) => x.id === id)
    return f ? pick(f.prompt, p.lang) : fallback
  }
  return (
    <Layout
      p={p}
      title={def ? pick(def.title, p.lang) : p.t('followTitle')}
      switchHref={otherLang(`${p.base}/follow`, p.lang)}
    >
      {def ? <p>{pick(def.intro, p.lang)}</p> : null}
      <Msg text={props.error} error id="follow-error" />
      <form method="post" action={withLang(`${p.base}/follow`, p.lang)}>
        <input type="hidden" name="_csrf" value={props.token} />
        <label class="q">
          {prompt('code', p.t('code'))}
          <input
            type="text"
            name="code"
            id="code"
            value={props.code ?? ''}
            autocomplete="off"
            autocapitalize="characters"
          />
        </label>
        <label class="q">
          {prompt('secret', p.t('secret'))}
          <input type="password" name="secret" id="secret" autocomplete="off" />
        </label>
        <button type="submit" id="check">
          {p.t('check')}
        </button>
      </form>
      {props.unsent ? (
        <label class="q">
          {p.t('unsent')}
          <textarea readonly id="unsent">
            {props.unsent}
          </textarea>
        </label>
      ) : null}
      <p>
        <a href={withLang(p.base, p.lang)}>{p.t('newReport')}</a>
      </p>
    </Layout>
  )
}
