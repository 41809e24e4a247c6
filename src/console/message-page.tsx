import { Layout, Msg, type View } from './layout.js'

/** Errors shown as a page: CSRF refusals, another org's resource, a role that may not. */
export function MessagePage(props: { v: View; title: string; message: string }) {
  return (
    <Layout v={props.v} title={props.title}>
      <Msg text={props.message} error />
      <p>
        <a href="/admin/home">{props.v.t('home')}</a>
      </p>
    </Layout>
  )
}
