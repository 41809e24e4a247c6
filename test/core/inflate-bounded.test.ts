import { deflateRawSync, deflateSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { inflateBounded, useNativeInflate } from '../../src/core/inflate-bounded.js'
import { nodeInflate } from '../../src/runtime/native-inflate.js'

// The bounded inflater, pure JS and with a native one installed (as Node's evidence threads
// do): the same answers, and a bomb stopped at its limit either way.

const text = new TextEncoder().encode('งบประมาณ '.repeat(2000))
const bomb = deflateSync(new Uint8Array(64 * 1024 * 1024))

describe.each([
  ['pure JS', null],
  ['native', nodeInflate],
] as const)('inflateBounded (%s)', (_name, native) => {
  afterEach(() => useNativeInflate(null))

  it('gives back what was deflated, in zlib and raw form, split across pieces', () => {
    useNativeInflate(native)
    const z = deflateSync(text)
    const r = inflateBounded([z.subarray(0, 10), z.subarray(10)], text.length, { format: 'zlib', keep: true })
    expect(r).toMatchObject({ ok: true, size: text.length })
    expect(r.ok && Buffer.from(r.bytes).equals(Buffer.from(text))).toBe(true)
    const raw = inflateBounded(deflateRawSync(text), text.length, { format: 'raw', keep: false })
    expect(raw).toEqual({ ok: true, size: text.length, bytes: new Uint8Array(0) })
  })

  it('stops a 64 MiB bomb at a 1 MiB limit', () => {
    useNativeInflate(native)
    const r = inflateBounded(bomb, 1024 * 1024, { format: 'zlib', keep: true })
    expect(r.ok).toBe(false)
    expect(!r.ok && r.reason).toBe('over_limit')
  })

  it('calls garbage corrupt, and one byte over the limit over it', () => {
    useNativeInflate(native)
    expect(
      inflateBounded(new Uint8Array([0x78, 0x9c, 0xff, 0xff, 0xff]), 100, { format: 'zlib', keep: false }),
    ).toMatchObject({
      ok: false,
      reason: 'corrupt',
    })
    expect(inflateBounded(deflateSync(text), text.length - 1, { format: 'zlib', keep: false })).toMatchObject(
      {
        ok: false,
        reason: 'over_limit',
      },
    )
  })
})
