import { describe, expect, it } from 'vitest'
import { boundaryOf, type FilePart, parseMultipart } from '../../src/core/multipart.js'

// The parser against the platform's own (undici's Request.formData, what Hono used before), on
// the bodies Node's FormData writes: same fields, same files, same bytes.

const LIMITS = { maxParts: 64, maxHeaderBytes: 8192, maxFieldBytes: 256 * 1024 }

async function encode(form: FormData): Promise<{ body: Uint8Array<ArrayBuffer>; type: string }> {
  const req = new Request('http://x/', { method: 'POST', body: form })
  return { body: new Uint8Array(await req.arrayBuffer()), type: req.headers.get('content-type') ?? '' }
}

async function viaPlatform(body: Uint8Array<ArrayBuffer>, type: string) {
  const form = await new Response(body, { headers: { 'content-type': type } }).formData()
  const out: [string, string | { filename: string; type: string; bytes: Uint8Array }][] = []
  for (const [k, v] of form) {
    out.push([
      k,
      typeof v === 'string'
        ? v
        : { filename: v.name, type: v.type, bytes: new Uint8Array(await v.arrayBuffer()) },
    ])
  }
  return out
}

function parsed(body: Uint8Array, type: string) {
  const boundary = boundaryOf(type)
  if (boundary === null) throw new Error(`no boundary in ${type}`)
  const r = parseMultipart(body, boundary, LIMITS)
  if (!r.ok) throw new Error(r.reason)
  return r.entries
}

/** Bytes with every value, line breaks and a boundary's own dashes among them. */
function awkward(n: number, seed: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n)
  for (let i = 0; i < n; i++) b[i] = (i * 131 + seed * 17 + (i >> 7)) & 0xff
  b.set([13, 10, 45, 45, 13, 10, 13, 10, 45, 45], Math.floor(n / 2))
  return b
}

describe('parseMultipart', () => {
  it('reads what the platform reads: Thai text, repeated names, files with their bytes', async () => {
    const form = new FormData()
    form.append('_csrf', 'abc.def')
    form.append('what', 'เจ้าหน้าที่เรียกเงิน 5,000 บาท\r\nเพื่อเร่งออกใบอนุญาต')
    form.append('when', '')
    for (let i = 0; i < 5; i++) {
      form.append(
        'evidence',
        new File([awkward(50_000 + i * 997, i)], `หลักฐาน ${i}.jpg`, { type: 'image/jpeg' }),
      )
    }
    form.append('identity', 'anonymous')
    const { body, type } = await encode(form)
    expect(parsed(body, type)).toEqual(await viaPlatform(body, type))
  })

  it('an empty file input: a file part with no name and no bytes, as browsers send it', () => {
    const chrome = [
      '------WebKitFormBoundaryQ',
      'Content-Disposition: form-data; name="evidence"; filename=""',
      'Content-Type: application/octet-stream',
      '',
      '',
      '------WebKitFormBoundaryQ--',
      '',
    ].join('\r\n')
    const [entry] = parsed(
      new TextEncoder().encode(chrome),
      'multipart/form-data; boundary=----WebKitFormBoundaryQ',
    )
    expect(entry?.[0]).toBe('evidence')
    const file = entry?.[1] as FilePart
    expect([file.filename, file.type, file.bytes.length]).toEqual(['', 'application/octet-stream', 0])
  })

  it('each file in a buffer of its own (moved to a cleaning thread without a copy)', async () => {
    const form = new FormData()
    form.append('evidence', new File([awkward(1000, 1)], 'a.png'))
    form.append('evidence', new File([awkward(2000, 2)], 'b.png'))
    const { body, type } = await encode(form)
    const files = parsed(body, type).map(([, v]) => v as FilePart)
    for (const f of files) {
      expect(f.bytes.byteOffset).toBe(0)
      expect(f.bytes.buffer.byteLength).toBe(f.bytes.byteLength)
      expect(f.bytes.buffer).not.toBe(body.buffer)
    }
  })

  it("a body a browser writes by hand: preamble, quoted boundary, a boundary's padding, filename*", () => {
    const text = [
      'ignored preamble',
      '--XyZ',
      'Content-Disposition: form-data; name="what"',
      '',
      'ข้อความ',
      '--XyZ \t',
      `Content-Disposition: form-data; name="evidence"; filename="x.jpg"; filename*=UTF-8''%E0%B8%A0%E0%B8%B2%E0%B8%9E.jpg`,
      'Content-Type: image/jpeg',
      '',
      'JPEG',
      '--XyZ--',
      'epilogue',
    ].join('\r\n')
    const entries = parsed(new TextEncoder().encode(text), 'multipart/form-data; boundary="XyZ"')
    expect(entries[0]).toEqual(['what', 'ข้อความ'])
    const file = entries[1]?.[1] as FilePart
    expect([file.filename, file.type, new TextDecoder().decode(file.bytes)]).toEqual([
      'ภาพ.jpg',
      'image/jpeg',
      'JPEG',
    ])
  })
})

describe('boundaryOf', () => {
  it('reads the boundary browsers and Node send, quoted or not', () => {
    expect(boundaryOf('multipart/form-data; boundary=----WebKitFormBoundaryab12')).toBe(
      '----WebKitFormBoundaryab12',
    )
    expect(boundaryOf('Multipart/Form-Data;charset=utf-8;BOUNDARY="a b:c"')).toBe('a b:c')
  })
})
