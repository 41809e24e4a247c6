import { describe, expect, it } from 'vitest'
import { boundaryOf, parseMultipart } from '../../src/core/multipart.js'

// Bodies that do not follow the format are refused whole, with the reason; nothing half-read.

const LIMITS = { maxParts: 64, maxHeaderBytes: 8192, maxFieldBytes: 256 * 1024 }
const bytes = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n'))
const parse = (lines: string[]) => parseMultipart(bytes(lines), 'B', LIMITS)
const part = (name: string, value: string) => [
  '--B',
  `Content-Disposition: form-data; name="${name}"`,
  '',
  value,
]

describe('parseMultipart refuses', () => {
  it('a body without its boundary', () => {
    expect(parse(['just text'])).toEqual({ ok: false, reason: 'no boundary' })
    expect(parseMultipart(new Uint8Array(), 'B', LIMITS)).toEqual({ ok: false, reason: 'no boundary' })
  })

  it('a body cut short: no closing boundary, or the headers never end', () => {
    expect(parse(part('what', 'text'))).toEqual({ ok: false, reason: 'no closing boundary' })
    expect(parse(['--B', 'Content-Disposition: form-data; name="x"'])).toMatchObject({ ok: false })
  })

  it('a boundary line followed by something else than a line break', () => {
    expect(parse(['--Bxyz', ...part('a', '1').slice(1), '--B--'])).toEqual({
      ok: false,
      reason: 'malformed boundary line',
    })
  })

  it('a part that is not form-data, or has no name', () => {
    const noName = ['--B', 'Content-Disposition: form-data; filename="a.jpg"', '', 'x', '--B--']
    const notForm = ['--B', 'Content-Disposition: attachment; name="a"', '', 'x', '--B--']
    const none = ['--B', 'Content-Type: text/plain', '', 'x', '--B--']
    for (const body of [noName, notForm, none]) {
      expect(parse(body)).toEqual({ ok: false, reason: 'a part without a form-data name' })
    }
  })
})

describe('boundaryOf refuses', () => {
  it('other media types, a missing or empty boundary, one too long or with characters RFC 2046 forbids', () => {
    expect(boundaryOf('application/x-www-form-urlencoded')).toBeNull()
    expect(boundaryOf('multipart/mixed; boundary=abc')).toBeNull()
    expect(boundaryOf('multipart/form-data')).toBeNull()
    expect(boundaryOf('multipart/form-data; boundary=')).toBeNull()
    expect(boundaryOf('multipart/form-data; boundary=""')).toBeNull()
    expect(boundaryOf(`multipart/form-data; boundary=${'a'.repeat(71)}`)).toBeNull()
    expect(boundaryOf(`multipart/form-data; boundary=${'a'.repeat(70)}`)).toBe('a'.repeat(70))
    expect(boundaryOf('multipart/form-data; boundary="ends in space "')).toBeNull()
    expect(boundaryOf('multipart/form-data; boundary=a\u0e01b')).toBeNull()
  })
})
