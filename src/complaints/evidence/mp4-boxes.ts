// ISO base media (MP4, M4A, QuickTime MOV) is a tree of boxes: 32-bit size, 4-character type,
// payload; size 1 means a 64-bit size follows, size 0 means "to the end of the file".

export interface Box {
  type: string
  start: number
  /** Offset of the payload, after size, type, 64-bit size and uuid. */
  body: number
  end: number
}

const typeChar = (c: number) => (c >= 0x20 && c <= 0x7e) || c === 0xa9 // © opens iTunes/QuickTime tags

export function readBox(b: Uint8Array, dv: DataView, p: number, limit: number): Box | null {
  if (p + 8 > limit) return null
  const codes = b.subarray(p + 4, p + 8)
  if (!codes.every(typeChar)) return null
  const type = String.fromCharCode(...codes)
  let size = dv.getUint32(p)
  let header = 8
  if (size === 1) {
    if (p + 16 > limit) return null
    size = dv.getUint32(p + 8) * 2 ** 32 + dv.getUint32(p + 12)
    header = 16
  } else if (size === 0) {
    size = limit - p
  }
  if (type === 'uuid') header += 16
  if (size < header || p + size > limit) return null
  return { type, start: p, body: p + header, end: p + size }
}

/** The size a well-formed box header at `p` declares, when it runs past `limit` (else null). */
export function overrun(b: Uint8Array, dv: DataView, p: number, limit: number): number | null {
  if (p + 16 > limit || !b.subarray(p + 4, p + 8).every(typeChar)) return null
  const size = dv.getUint32(p)
  const declared = size === 1 ? dv.getUint32(p + 8) * 2 ** 32 + dv.getUint32(p + 12) : size
  return declared > limit - p ? declared : null
}

/** The boxes inside a container; null when one does not fit (a few zero bytes of padding may end it). */
export function children(b: Uint8Array, dv: DataView, parent: Box): Box[] | null {
  const out: Box[] = []
  let p = parent.body
  while (p < parent.end) {
    const box = readBox(b, dv, p, parent.end)
    if (!box) return parent.end - p < 8 && b.subarray(p, parent.end).every((x) => x === 0) ? out : null
    out.push(box)
    p = box.end
  }
  return out
}

export function child(b: Uint8Array, dv: DataView, parent: Box, path: string[]): Box | undefined {
  let cur: Box | undefined = parent
  for (const type of path) cur = cur && (children(b, dv, cur) ?? []).find((x) => x.type === type)
  return cur
}

/** Turns a box into padding in place: type "free", payload zeroed, size unchanged, so every
 * absolute offset into the file (stco, co64, iloc) stays valid without being recomputed. */
export function blank(b: Uint8Array, box: Box): void {
  b.set([0x66, 0x72, 0x65, 0x65], box.start + 4)
  const large =
    b[box.start] === 0 && b[box.start + 1] === 0 && b[box.start + 2] === 0 && b[box.start + 3] === 1
  b.fill(0, box.start + (large ? 16 : 8), box.end)
}
