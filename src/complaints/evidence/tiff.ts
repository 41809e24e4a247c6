// The one EXIF value worth reading before metadata is dropped: Orientation (tag 0x0112), so a
// photo taken sideways is rotated into its pixels instead of coming out sideways.

/** Orientation 1–8 from a TIFF structure ("II*\0" or "MM\0*"); 1 when absent or unreadable. */
export function tiffOrientation(t: Uint8Array): number {
  if (t.length < 8) return 1
  const le = t[0] === 0x49 && t[1] === 0x49
  const be = t[0] === 0x4d && t[1] === 0x4d
  if (!le && !be) return 1
  const dv = new DataView(t.buffer, t.byteOffset, t.byteLength)
  if (dv.getUint16(2, le) !== 42) return 1
  const ifd = dv.getUint32(4, le)
  if (ifd + 2 > t.length) return 1
  const count = dv.getUint16(ifd, le)
  for (let i = 0; i < count; i++) {
    const e = ifd + 2 + i * 12
    if (e + 12 > t.length) break
    if (dv.getUint16(e, le) === 0x0112) {
      const v = dv.getUint16(e + 8, le)
      return v >= 1 && v <= 8 ? v : 1
    }
  }
  return 1
}

/** The smallest EXIF block that says only "Orientation = o": no camera, place or time. */
export function orientationOnlyExif(o: number): Uint8Array {
  // "Exif\0\0", big-endian TIFF header, one IFD entry (SHORT, count 1), no next IFD.
  return new Uint8Array([
    0x45,
    0x78,
    0x69,
    0x66,
    0,
    0,
    0x4d,
    0x4d,
    0,
    0x2a,
    0,
    0,
    0,
    8,
    0,
    1,
    0x01,
    0x12,
    0,
    3,
    0,
    0,
    0,
    1,
    0,
    o & 0xff,
    0,
    0,
    0,
    0,
    0,
    0,
  ])
}
