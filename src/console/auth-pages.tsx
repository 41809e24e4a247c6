import { Csrf, Layout, Msg, type View } from './layout.js'

export function LoginPage(props: { v: View; message?: string; error?: boolean; email?: string }) {
  const { v } = props
  return (
    <Layout v={v} title={v.t('login')}>
      <Msg text={props.message} error={props.error} />
      <form method="post" action="/admin/login" class="stack">
        <Csrf v={v} />
        <label>
          {v.t('email')}
          <input type="email" name="email" id="email" autocomplete="username" required value={props.email} />
        </label>
        <label>
          {v.t('password')}
          <input type="password" name="password" id="password" autocomplete="current-password" required />
        </label>
        <button type="submit" id="login">
          {v.t('login')}
        </button>
      </form>
    </Layout>
  )
}

export function PasswordPage(props: { v: View; message?: string; error?: boolean }) {
  const { v } = props
  const forced = v.admin?.mustChangePassword === true
  return (
    <Layout v={v} title={v.t('changePassword')}>
      <Msg
        text={forced && !props.message ? v.t('mustChange') : props.message}
        error={props.error || forced}
      />
      <form method="post" action="/admin/password" class="stack">
        <Csrf v={v} />
        <label>
          {v.t('currentPassword')}
          <input type="password" name="current" id="current" autocomplete="current-password" required />
        </label>
        <label>
          {v.t('newPassword')}
          <input type="password" name="next" id="next" autocomplete="new-password" minlength={12} required />
        </label>
        <label>
          {v.t('confirmPassword')}
          <input
            type="password"
            name="confirm"
            id="confirm"
            autocomplete="new-password"
            minlength={12}
            required
          />
        </label>
        <button type="submit" id="change">
          {v.t('changePassword')}
        </button>
      </form>
    </Layout>
  )
}
