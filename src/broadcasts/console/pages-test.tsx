import { Csrf, type View } from '../../console/layout.js'

/** What the "send a test" box offers: simulated personas in local mode, the admin's own LINE. */
export interface TestSendOptions {
  /** Local mode only: the simulator's personas. */
  personas: readonly string[] | null
  linked: boolean
  /** Drawn per page view: the same form posted twice sends once (see test-send.ts). */
  sendId: string
}

export function TestSend(props: { v: View; action: string; opts: TestSendOptions }) {
  const { v, opts } = props
  return (
    <section id="test-send">
      <h2>{v.t('testSend')}</h2>
      <p>
        <small>{v.t('testSendHint')}</small>
      </p>
      {opts.personas ? (
        <form method="post" action={props.action} class="inline">
          <Csrf v={v} />
          <input type="hidden" name="to" value="persona" />
          <input type="hidden" name="sendId" value={opts.sendId} />
          <label class="inline">
            {v.t('testToPersona')}
            <select name="persona" id="test-persona">
              {opts.personas.map((p) => (
                <option value={p}>{p}</option>
              ))}
            </select>
          </label>
          <button type="submit" id="test-simulator" class="secondary">
            {v.t('testSend')}
          </button>
        </form>
      ) : null}
      {opts.linked ? (
        <form method="post" action={props.action} class="inline">
          <Csrf v={v} />
          <input type="hidden" name="to" value="me" />
          <input type="hidden" name="sendId" value={opts.sendId} />
          <button type="submit" id="test-me" class="secondary">
            {v.t('testToMe')}
          </button>
        </form>
      ) : (
        <p>
          {v.t('notLinked')} <a href="/admin/line-link">{v.t('lineLink')}</a>
        </p>
      )}
    </section>
  )
}
