import { describe, expect, it } from 'vitest'
import { type FilePart, parseMultipart } from '../../src/core/multipart.js'

// A public form's body is hostile until read: every limit holds before anything is decoded or
// copied, and nothing inside a part can end it early or smuggle a field in.

const LIMITS = { maxParts: 8, maxHeaderBytes: 256, maxFieldBytes: 1024 }
const enc = new TextEncoder()
const bytes = (lines: string[]) => enc.encode(lines.join('\r\n'))

describe('parseMultipart limits', () => {
  it('refuses more parts than allowed, at the first one past the limit', () => {
    const lines: string[] = []
    for (let i = 0; i < 10_000; i++)
      lines.push('--B', `Content-Disposition: form-data; name="f${i}"`, '', 'x')
    lines.push('--B--')
    expect(parseMultipart(bytes(lines), 'B', LIMITS)).toEqual({
      ok: false,
      reason: 'more than 8 parts',
      limit: 'maxParts',
    })
  })

  it('refuses a header block over the limit without searching the rest of the body for its end', () => {
    const huge = [
      '--B',
      `Content-Disposition: form-data; name="a"; filename="${'x'.repeat(300)}"`,
      '',
      'y',
      '--B--',
    ]
    expect(parseMultipart(bytes(huge), 'B', LIMITS)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('256'),
      limit: 'maxHeaderBytes',
    })
  })

  it('refuses a text field over the limit, but not a file of the same size', () => {
    const big = 'ก'.repeat(400)
    const asField = ['--B', 'Content-Disposition: form-data; name="what"', '', big, '--B--']
    expect(parseMultipart(bytes(asField), 'B', LIMITS)).toEqual({
      ok: false,
      reason: 'a field over 1024 bytes',
      limit: 'maxFieldBytes',
    })
    const asFile = [
      '--B',
      'Content-Disposition: form-data; name="evidence"; filename="a.txt"',
      '',
      big,
      '--B--',
    ]
    expect(parseMultipart(bytes(asFile), 'B', LIMITS).ok).toBe(true)
  })
})

describe('parseMultipart boundaries inside content', () => {
  it("a boundary's text inside a file, not at a line start, does not split it", () => {
    const content = 'before --B after\n--B\r--B--'
    const body = ['--B', 'Content-Disposition: form-data; name="e"; filename="a.bin"', '', content, '--B--']
    const r = parseMultipart(bytes(body), 'B', LIMITS)
    if (!r.ok) throw new Error(r.reason)
    const [[, file] = ['', '']] = r.entries
    expect(r.entries).toHaveLength(1)
    expect(new TextDecoder().decode((file as FilePart).bytes)).toBe(content)
  })

  it('a name with a quote or a prototype key stays a plain name', () => {
    const body = [
      '--B',
      'Content-Disposition: form-data; name="__proto__"',
      '',
      'x',
      '--B',
      'Content-Disposition: form-data; name="a\\"b"; filename="c.jpg"',
      '',
      'y',
      '--B--',
    ]
    const r = parseMultipart(bytes(body), 'B', LIMITS)
    if (!r.ok) throw new Error(r.reason)
    expect(r.entries.map(([k]) => k)).toEqual(['__proto__', 'a"b'])
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })
})
