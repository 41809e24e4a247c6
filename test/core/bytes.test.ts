import { describe, expect, it } from 'vitest'
import { ownBytes } from '../../src/core/bytes.js'

describe('ownBytes', () => {
  it('gives a view, not a copy, of bytes over an ArrayBuffer (a photo is not copied again)', () => {
    const photo = new Uint8Array(new ArrayBuffer(16), 4, 8).fill(7)
    const own = ownBytes(photo)
    expect(own.buffer).toBe(photo.buffer)
    expect([own.byteOffset, own.byteLength]).toEqual([4, 8])
  })

  it('copies bytes over a SharedArrayBuffer into an ArrayBuffer of their own', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(8)).fill(3)
    const own = ownBytes(shared)
    expect(own.buffer).toBeInstanceOf(ArrayBuffer)
    expect(own).toEqual(new Uint8Array(8).fill(3))
    shared[0] = 9
    expect(own[0]).toBe(3)
  })
})
