import { Csrf, Layout, Msg, type View } from '../../console/layout.js'
import { NAME_MAX, type ProfileField, type ProfileInput, SHORT_MAX } from '../../orgs/profile.js'

export interface OrgProfileProps {
  v: View
  values: ProfileInput
  logoUrl: string | null
  message?: string
  error?: boolean
  /** Refused fields, in the page's language, in the form's order. */
  errors?: { field: ProfileField | 'logo'; text: string }[]
}

const css = `.summary{border:2px solid #8a1c1c;background:#fdecea;padding:.6rem 1rem;border-radius:6px;margin:.5rem 0}
.summary h2{font-size:1.05rem;margin:.2rem 0;color:#8a1c1c}.summary a{color:#8a1c1c;font-weight:600}
.err{color:#8a1c1c;font-weight:600;margin:0}.logo-now{max-height:5rem;max-width:12rem;background:#fff;border:1px solid #ddd;border-radius:6px;padding:4px}
section.box{background:#fff;border-radius:8px;padding:.8rem 1rem;margin:1rem 0}`

/** At the top of the page, focused on load (no script: autofocus), each error a link to its field. */
export function ErrorSummary(props: { v: View; errors: { field: string; text: string }[] }) {
  if (props.errors.length === 0) return null
  return (
    <div class="summary" id="error-summary" role="alert" tabindex={-1} autofocus>
      <h2>{props.v.t('fixBelow')}</h2>
      <ul>
        {props.errors.map((e) => (
          <li>
            <a href={`#${e.field}`}>{e.text}</a>
          </li>
        ))}
      </ul>
    </div>
  )
}

function Field(props: { id: ProfileField; label: string; value: string; max: number; error?: string }) {
  return (
    <label>
      {props.label}
      <input
        name={props.id}
        id={props.id}
        value={props.value}
        maxlength={props.max}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `err-${props.id}` : undefined}
      />
      {props.error ? (
        <p class="err" id={`err-${props.id}`}>
          {props.error}
        </p>
      ) : null}
    </label>
  )
}

/** /admin/org: the organization's own name (Thai, English, short) and logo; owners only. */
export function OrgProfilePage(props: OrgProfileProps) {
  const { v, values } = props
  const errors = props.errors ?? []
  const err = (f: ProfileField | 'logo') => errors.find((e) => e.field === f)?.text
  return (
    <Layout v={v} title={v.t('orgProfile')} css={css}>
      <ErrorSummary v={v} errors={errors} />
      <Msg text={props.message} error={props.error} />
      <p>{v.t('orgProfileHint')}</p>
      <form method="post" action="/admin/org" class="stack" id="org-profile">
        <Csrf v={v} />
        <Field
          id="nameTh"
          label={v.t('orgNameTh')}
          value={values.nameTh}
          max={NAME_MAX}
          error={err('nameTh')}
        />
        <Field
          id="nameEn"
          label={v.t('orgNameEn')}
          value={values.nameEn}
          max={NAME_MAX}
          error={err('nameEn')}
        />
        <Field
          id="shortName"
          label={v.t('orgShortName')}
          value={values.shortName}
          max={SHORT_MAX}
          error={err('shortName')}
        />
        <button type="submit" id="save-profile">
          {v.t('save')}
        </button>
      </form>
      <section class="box">
        <h2>{v.t('logo')}</h2>
        {props.logoUrl ? (
          <p>
            <img src={props.logoUrl} alt={v.t('logo')} class="logo-now" id="logo-now" />
          </p>
        ) : (
          <p id="no-logo">{v.t('noLogo')}</p>
        )}
        <form
          method="post"
          action="/admin/org/logo"
          enctype="multipart/form-data"
          class="stack"
          id="logo-form"
        >
          <Csrf v={v} />
          <label>
            {v.t('logoHint')}
            <input
              type="file"
              name="logo"
              id="logo"
              accept="image/png,image/jpeg"
              aria-invalid={err('logo') ? 'true' : undefined}
            />
            {err('logo') ? (
              <p class="err" id="err-logo">
                {err('logo')}
              </p>
            ) : null}
          </label>
          <button type="submit" id="upload-logo">
            {v.t('uploadLogo')}
          </button>
        </form>
        {props.logoUrl ? (
          <form method="post" action="/admin/org/logo/delete" class="inline">
            <Csrf v={v} />
            <button type="submit" class="secondary" id="remove-logo">
              {v.t('removeLogo')}
            </button>
          </form>
        ) : null}
      </section>
    </Layout>
  )
}
