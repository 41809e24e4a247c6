import jpeg from 'jpeg-js'
import { sql } from 'kysely'
import { fromUtf8 } from '../../../src/core/bytes.js'
import type { TestApp } from '../../helpers/app.js'
import { fromSocket } from '../../helpers/socket.js'
import { enterNow } from '../file-case.js'

/** What a browser does for the web form: keeps its cookies, reads the hidden fields back. */
export class WebClient {
  cookies = new Map<string, string>()
  html = ''
  constructor(
    private readonly t: TestApp,
    readonly headers: Record<string, string> = {},
    /** The socket's peer address (none: an in-process request, as most tests make). */
    readonly address?: string,
  ) {}

  /** The page with entities decoded, for matching what a person reads. */
  get page(): string {
    return this.html
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&')
  }

  hidden(name: string): string {
    return this.html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1] ?? ''
  }

  async send(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    for (const [k, v] of Object.entries(this.headers)) if (!headers.has(k)) headers.set(k, v)
    if (this.cookies.size > 0)
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '))
    const env = this.address === undefined ? undefined : fromSocket(this.address)
    const res = await this.t.app.request(
      `http://localhost${path}`,
      { ...init, headers, redirect: 'manual' },
      env,
    )
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1))
    }
    this.html = (res.headers.get('content-type') ?? '').includes('text/html') ? await res.clone().text() : ''
    return res
  }

  get(path: string) {
    return this.send(path)
  }

  /**
   * Posts multipart like the form does. `_csrf` (or `access`) comes from the last page unless
   * given; null leaves it out.
   */
  post(
    path: string,
    fields: Record<string, string | null>,
    files: { name: string; bytes: Uint8Array; type?: string; field?: string }[] = [],
    headers: Record<string, string> = {},
  ) {
    const form = new FormData()
    // A case page's forms (`/report[/<org>]/follow/…`) carry the access token instead.
    const defaults = /^\/report\/(?:[a-z0-9-]+\/)?follow\//.test(path)
      ? { access: this.hidden('access') }
      : { _csrf: this.hidden('_csrf') }
    for (const [k, v] of Object.entries({ ...defaults, ...fields })) if (v !== null) form.append(k, v)
    for (const f of files) {
      form.append(f.field ?? 'evidence', new File([new Uint8Array(f.bytes)], f.name, { type: f.type ?? '' }))
    }
    return this.send(path, { method: 'POST', body: form, headers })
  }
}

export const REPORT = {
  category: 'bribery',
  what: 'เจ้าหน้าที่เรียกเงิน 5,000 บาทเพื่อเร่งออกใบอนุญาต',
  when: 'สัปดาห์ที่แล้ว',
  where: 'งานอนุญาต ชั้น 3',
  who: 'ผู้ช่วยหัวหน้างาน',
  identity: 'anonymous',
} as const

/** The case code and secret the filed page in `web` shows. */
export const receiptOf = (web: WebClient) => ({
  code: web.html.match(/id="case-code">([^<]+)</)?.[1] ?? '',
  secret: web.html.match(/id="case-secret">([^<]+)</)?.[1] ?? '',
})

/**
 * A report with text only filed through the form and entered, and its case opened on
 * /report/follow by another browser with the code and secret: that browser.
 */
export async function followFiledReport(t: TestApp): Promise<WebClient> {
  const web = new WebClient(t)
  await web.get('/report')
  await web.post('/report', { ...REPORT })
  const { code, secret } = receiptOf(web)
  const entered = await enterNow(t)
  if (entered.entered !== 1) throw new Error(`the day's entry entered ${entered.entered} filings, not 1`)
  const follower = new WebClient(t)
  await follower.get('/report/follow')
  const opened = await follower.post('/report/follow', { code, secret })
  if (opened.status !== 200) throw new Error(`/report/follow answered ${opened.status}`)
  return follower
}

export const countRows = async (
  t: TestApp,
  table:
    | 'complaint_cases'
    | 'complaint_evidence'
    | 'complaint_messages'
    | 'complaint_filings'
    | 'complaint_filing_files'
    | 'complaint_draft_files',
) =>
  Number(
    (
      await t.testDb.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

/** Every row of every table of the test schema, as JSON text (bytea as hex). */
export async function dump(t: TestApp): Promise<string> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.testDb.db)
  const parts: string[] = []
  for (const { name } of tables.rows) {
    const rows = await sql<{ j: string }>`select row_to_json(x)::text as j from ${sql.table(name)} x`.execute(
      t.testDb.db,
    )
    parts.push(...rows.rows.map((r) => `${name} ${r.j}`))
  }
  return parts.join('\n')
}

export const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex')
export const ascii = (b: Uint8Array) => fromUtf8(b.map((x) => (x < 32 || x > 126 ? 46 : x)))

export const GPS_SENTINEL = 'SENTINEL-CAMERA-GPS'

/** A small JPEG carrying an Exif APP1 segment: camera make and a GPS position (Bangkok). */
export function gpsJpeg(): Uint8Array {
  const width = 16
  const height = 16
  const data = Buffer.alloc(width * height * 4, 0x80)
  const plain = new Uint8Array(jpeg.encode({ data, width, height }, 90).data)
  const tiff = new Uint8Array(140 + GPS_SENTINEL.length + 1)
  const v = new DataView(tiff.buffer)
  const entry = (at: number, tag: number, type: number, n: number, value: number) => {
    v.setUint16(at, tag, true)
    v.setUint16(at + 2, type, true)
    v.setUint32(at + 4, n, true)
    v.setUint32(at + 8, value, true)
  }
  tiff.set([0x49, 0x49, 42, 0], 0)
  v.setUint32(4, 8, true)
  v.setUint16(8, 2, true) // IFD0: Make, GPSInfo
  entry(10, 0x010f, 2, GPS_SENTINEL.length + 1, 140)
  entry(22, 0x8825, 4, 1, 38)
  v.setUint16(38, 4, true) // GPS IFD
  entry(40, 0x0001, 2, 2, 0x4e) // 'N'
  entry(52, 0x0002, 5, 3, 92)
  entry(64, 0x0003, 2, 2, 0x45) // 'E'
  entry(76, 0x0004, 5, 3, 116)
  const rationals = [13, 1, 45, 1, 2268, 100, 100, 1, 30, 1, 1776, 100]
  rationals.forEach((n, i) => {
    v.setUint32(92 + i * 4, n, true)
  })
  tiff.set(new TextEncoder().encode(GPS_SENTINEL), 140)
  const payload = new Uint8Array([...new TextEncoder().encode('Exif\0\0'), ...tiff])
  const len = payload.length + 2
  const app1 = new Uint8Array([0xff, 0xe1, len >> 8, len & 0xff, ...payload])
  return new Uint8Array([...plain.subarray(0, 2), ...app1, ...plain.subarray(2)])
}
