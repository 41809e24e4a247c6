import { Layout, type Page } from './layout.js'

/** A refusal or failure: what happened and the way back, nothing else. */
export function MessagePage(props: {
  p: Page
  title: string
  message: string
  id: string
  /** Absent where no way back is safe to offer (an unknown organization). */
  back?: { href: string; label: string }
}) {
  return (
    <Layout p={props.p} title={props.title}>
      <p class="msg error" role="alert" id={props.id}>
        {props.message}
      </p>
      {props.back ? (
        <p>
          <a href={props.back.href}>{props.back.label}</a>
        </p>
      ) : null}
    </Layout>
  )
}
