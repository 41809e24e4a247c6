import type { Lang } from '../core/lang.js'
import { defineMessages, type TranslatorOf } from '../core/messages.js'
import { THAI_FONTS } from '../evidence/print-page.js'
import {
  extraFields,
  type Json,
  type Row,
  rowsOf,
  type TypePart,
  typeOf,
  variantLabel,
  variantsOf,
} from './docs-schema.js'

// /api/v1/docs: the API reference for the people who connect an agency's system, read off the
// same OpenAPI document as /api/v1/openapi.json (openapi.ts, rendered from the routes' zod
// schemas), so the page cannot say what the API does not do. Thai first, English beside; no
// script, and nothing from another site (the page's CSP allows its own style only).

const docsWords = defineMessages({
  title: ['API สำหรับระบบของหน่วยงาน (v1)', "API for the agency's systems (v1)"],
  intro: [
    'ให้ระบบของหน่วยงาน (เช่น ระบบสารบรรณอิเล็กทรอนิกส์) ตั้งเวลาส่งข้อความประกาศเข้ากลุ่มไลน์ของบุคลากร แทนการทำในหน้าผู้ดูแล',
    "Lets an agency's own system (an e-Office, say) schedule broadcasts to the staff's LINE groups instead of the console.",
  ],
  auth: [
    'ทุกคำขอส่งโทเคนในส่วนหัว Authorization: Bearer itab_… ผู้ดูแลระดับเจ้าของออกโทเคนได้ที่ /admin/api-tokens หรือด้วยคำสั่ง npm run api:token',
    'Every request sends a token in the Authorization header: Bearer itab_…. An owner issues tokens at /admin/api-tokens or with npm run api:token.',
  ],
  machine: ['เอกสารเดียวกันสำหรับโปรแกรม (OpenAPI 3.1):', 'The same document for programs (OpenAPI 3.1):'],
  operations: ['คำสั่ง', 'Operations'],
  schemas: ['โครงสร้างข้อมูล', 'Schemas'],
  params: ['พารามิเตอร์ในที่อยู่', 'Path parameters'],
  body: ['เนื้อหาคำขอ (JSON)', 'Request body (JSON)'],
  ok: ['ผลลัพธ์', 'Response'],
  errors: ['เมื่อไม่สำเร็จ (Problem)', 'When it fails (Problem)'],
  field: ['ช่อง', 'Field'],
  type: ['ชนิด', 'Type'],
  required: ['ต้องมี', 'Required'],
  notes: ['หมายเหตุ', 'Notes'],
  yes: ['ต้องมี', 'yes'],
  no: ['ไม่บังคับ', 'no'],
  variant: ['แบบที่', 'Variant'],
  extraAllowed: ['ช่องอื่นตาม LINE Messaging API ใส่ได้', "Other fields (LINE Messaging API's) are allowed"],
  extraRefused: ['ช่องอื่นนอกจากนี้จะถูกปฏิเสธ (400)', 'Any other field is refused (400)'],
  noToken: ['ไม่ต้องใช้โทเคน', 'No token needed'],
})

/** What each error status means, Thai and English (openapi.ts says it in English). */
const reasonWords = defineMessages({
  '400': [
    'JSON ไม่ถูกต้อง หรือเนื้อหา/พารามิเตอร์ไม่ตรงกับโครงสร้าง',
    'Invalid JSON, or a body or parameter not matching the schema',
  ],
  '401': ['ไม่มีโทเคน โทเคนไม่ถูกต้อง หรือถูกเพิกถอนแล้ว', 'Missing, unknown or revoked token'],
  '404': ['ไม่พบ (หรือเป็นของหน่วยงานอื่น)', "Not found (or another organization's)"],
  '409': ['ทำไม่ได้ในสถานะปัจจุบัน', 'Not possible in its current state'],
  '422': [
    'JSON ถูกต้องแต่ขัดกฎ (cron เวลาที่ผ่านไปแล้ว กลุ่มผู้รับว่าง ข้อจำกัดของ LINE)',
    'Valid JSON, refused by a rule (cron, past date, empty audience, LINE limits)',
  ],
})

const css = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 ${THAI_FONTS};color:#1b1f23;background:#f5f6f8}
header{background:#1f3b73;color:#fff;padding:.8rem 1rem}header a{color:#fff}main{max-width:1040px;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.2rem 0}h2{margin-top:2rem}section{background:#fff;border-radius:8px;padding:.6rem 1rem;margin:1rem 0}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}pre{background:#f0f2f5;padding:.5rem;overflow-x:auto}
.method{display:inline-block;min-width:3.5rem;font-weight:700;color:#1f3b73}.en{color:#555}
table{border-collapse:collapse;width:100%;margin:.3rem 0}td,th{padding:.3rem .5rem;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:top}
@media (max-width:640px){td,th{display:block;border:0}tr{display:block;border-bottom:1px solid #e3e3e3;padding:.3rem 0}thead{display:none}}`

interface Ctx {
  lang: Lang
  t: TranslatorOf<typeof docsWords>
}

function Type(props: { parts: TypePart[] }) {
  return <code>{props.parts.map((p) => (p.ref ? <a href={`#schema-${p.ref}`}>{p.text}</a> : p.text))}</code>
}

function Fields(props: { x: Ctx; rows: Row[] }) {
  const { t } = props.x
  if (props.rows.length === 0) return null
  return (
    <table>
      <thead>
        <tr>
          <th>{t('field')}</th>
          <th>{t('type')}</th>
          <th>{t('required')}</th>
          <th>{t('notes')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr>
            <td>
              <code>{r.name}</code>
            </td>
            <td>
              <Type parts={r.type} />
            </td>
            <td>{r.required ? t('yes') : t('no')}</td>
            <td lang="en">{r.notes.join('; ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** A schema: its fields, or each variant's fields for a union, and what it says of extra fields. */
function SchemaBody(props: { x: Ctx; s: Json }) {
  const { x, s } = props
  const extra = extraFields(s)
  const variants = variantsOf(s)
  return (
    <>
      {typeof s.description === 'string' ? <p lang="en">{s.description}</p> : null}
      {variants ? (
        variants.map((v, i) => (
          <>
            <h4>
              {x.t('variant')} {i + 1}
              {variantLabel(v) ? (
                <>
                  : <code>{variantLabel(v)}</code>
                </>
              ) : null}
            </h4>
            {v.properties ? <SchemaBody x={x} s={v} /> : <Type parts={typeOf(v)} />}
          </>
        ))
      ) : s.properties ? (
        <Fields x={x} rows={rowsOf(s)} />
      ) : (
        <Type parts={typeOf(s)} />
      )}
      {extra ? <p>{x.t(extra === 'allowed' ? 'extraAllowed' : 'extraRefused')}</p> : null}
    </>
  )
}

const get = (o: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Json)[k] : undefined), o)
const asObj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {}

function Operation(props: { x: Ctx; path: string; method: string; op: Json }) {
  const { x, path, method, op } = props
  const id = `op-${method}-${path.replace(/[^a-z0-9]+/gi, '-')}`
  const params = Array.isArray(op.parameters) ? op.parameters.map(asObj) : []
  const body = asObj(get(op, 'requestBody', 'content', 'application/json', 'schema'))
  const responses = Object.entries(asObj(op.responses))
  const ok = responses.filter(([status]) => status.startsWith('2'))
  const errors = responses.filter(([status]) => !status.startsWith('2'))
  const summary = String(op.summary ?? '')
  const th = String(op.description ?? summary)
  return (
    <section id={id}>
      <h3>
        <span class="method">{method.toUpperCase()}</span> <code>/api/v1{path}</code>
      </h3>
      <p>
        {x.lang === 'th' ? th : summary}
        {x.lang === 'th' && th !== summary ? (
          <span class="en" lang="en">
            {' '}
            ({summary})
          </span>
        ) : null}
      </p>
      {Array.isArray(op.security) && op.security.length === 0 ? <p>{x.t('noToken')}</p> : null}
      {params.length > 0 ? (
        <>
          <h4>{x.t('params')}</h4>
          <p>{params.map((p, i) => [i > 0 ? ', ' : '', <code>{`{${String(p.name)}}`}</code>])}</p>
        </>
      ) : null}
      {Object.keys(body).length > 0 ? (
        <>
          <h4>{x.t('body')}</h4>
          <SchemaBody x={x} s={body} />
        </>
      ) : null}
      {ok.map(([status, r]) => {
        const schema = asObj(get(r, 'content', 'application/json', 'schema'))
        return (
          <>
            <h4>
              {x.t('ok')} {status}
            </h4>
            {Object.keys(schema).length > 0 ? (
              <SchemaBody x={x} s={schema} />
            ) : (
              <p>{String(get(r, 'description'))}</p>
            )}
          </>
        )
      })}
      {errors.length > 0 ? (
        <>
          <h4>
            {x.t('errors')}: <a href="#schema-Problem">Problem</a>
          </h4>
          <ul>
            {errors.map(([status]) => (
              <li>
                <code>{status}</code> {reasonWords.has(status) ? reasonWords(x.lang)(status) : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}

export function ApiDocsPage(props: { doc: Json; lang: Lang; nonce: string; other: string }) {
  const { doc, lang } = props
  const x: Ctx = { lang, t: docsWords(lang) }
  const paths = Object.entries(asObj(doc.paths))
  const schemas = Object.entries(asObj(get(doc, 'components', 'schemas')))
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{x.t('title')}</title>
        <link rel="icon" href="data:," />
        <style nonce={props.nonce} dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <header>
          <a href={props.other} hreflang={lang === 'th' ? 'en' : 'th'} id="lang-switch">
            {lang === 'th' ? 'English' : 'ภาษาไทย'}
          </a>
        </header>
        <main>
          <h1>{x.t('title')}</h1>
          <p>{x.t('intro')}</p>
          <p>{x.t('auth')}</p>
          <pre>curl -H "Authorization: Bearer itab_…" https://&lt;host&gt;/api/v1/broadcasts</pre>
          <p>
            {x.t('machine')} <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
          </p>
          <h2>{x.t('operations')}</h2>
          {paths.flatMap(([path, item]) =>
            Object.entries(asObj(item)).map(([method, op]) => (
              <Operation x={x} path={path} method={method} op={asObj(op)} />
            )),
          )}
          <h2>{x.t('schemas')}</h2>
          {schemas.map(([name, s]) => (
            <section id={`schema-${name}`}>
              <h3>
                <code>{name}</code>
              </h3>
              <SchemaBody x={x} s={asObj(s)} />
            </section>
          ))}
        </main>
      </body>
    </html>
  )
}
