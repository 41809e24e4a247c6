import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { DEFAULT_MAX_BYTES, sanitizeEvidence } from '../../../src/complaints/evidence/index.js'
import { accepted } from './fixtures/inspect.js'
import { contains } from './fixtures/sentinels.js'

// Real files written by ffmpeg (fixtures/make-real-media.sh): H.264/AAC in MP4, QuickTime MOV
// with com.apple.quicktime.* keys, an M4A, and an MP4 with a timed-text track. The byte search
// always runs; where ffmpeg is installed, the output is also decoded end to end and its tags
// listed by ffprobe, which proves the rewritten box tree is still a valid movie.

const dir = join(import.meta.dirname, 'fixtures')
const hasFfmpeg = (() => {
  try {
    execFileSync('ffprobe', ['-version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()
const work = mkdtempSync(join(tmpdir(), 'evidence-media-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const TRACES = ['Somchai', 'Sentinel', '13.7563', '100.5018', 'PhoneX', 'com.apple.quicktime']

interface Probe {
  streams: { codec_type: string; tags?: Record<string, string> }[]
  format: { duration: string; tags?: Record<string, string> }
}
const probe = (file: string): Probe =>
  JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file], {
      encoding: 'utf8',
    }),
  )

const cases: [string, 'video' | 'audio', string, number][] = [
  ['real.mp4', 'video', 'video/mp4', 2],
  ['real.mov', 'video', 'video/quicktime', 2],
  ['real.m4a', 'audio', 'audio/mp4', 1],
  ['real-subs.mp4', 'video', 'video/mp4', 2], // the subtitle track is removed
]

describe.each(cases)('%s', (name, kind, mime, streams) => {
  const input = new Uint8Array(readFileSync(join(dir, name)))

  test('is accepted and carries no name, place, device or time', async () => {
    expect(TRACES.some((t) => contains(input, t))).toBe(true)
    const r = accepted(await sanitizeEvidence(input, {}, { maxBytes: DEFAULT_MAX_BYTES }))
    expect(r.kind).toBe(kind)
    expect(r.mime).toBe(mime)
    for (const t of TRACES) expect(contains(r.bytes, t), t).toBe(false)
    expect(r.bytes.length).toBe(input.length) // rewritten in place: every offset still holds
  })

  test.skipIf(!hasFfmpeg)('still decodes end to end, with no tags left (ffmpeg)', async () => {
    const r = accepted(await sanitizeEvidence(input, {}, { maxBytes: DEFAULT_MAX_BYTES }))
    const out = join(work, `clean-${name}`)
    writeFileSync(out, r.bytes)
    const log = execFileSync('ffmpeg', ['-v', 'error', '-i', out, '-f', 'null', '-'], {
      encoding: 'utf8',
      stdio: 'pipe',
    })
    expect(log).toBe('')
    const before = probe(join(dir, name))
    const after = probe(out)
    expect(after.streams.map((s) => s.codec_type)).toHaveLength(streams)
    expect(Number(after.format.duration)).toBeCloseTo(Number(before.format.duration), 1)
    const tags = JSON.stringify([after.format.tags ?? {}, ...after.streams.map((s) => s.tags ?? {})])
    for (const t of [...TRACES, 'location', 'make', 'model', 'title', 'artist', '2026'])
      expect(tags).not.toContain(t)
  })
})
