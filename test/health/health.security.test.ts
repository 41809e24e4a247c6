import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LineMessage } from '../../src/line/port.js'
import { DEFAULT_ORG } from '../../src/webhook/channels.js'
import { MemoryLine } from '../fakes/memory-line.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { USER_A } from '../helpers/line-events.js'

const msg: LineMessage[] = [{ type: 'text', text: 'ok' }]

describe.each(DB_KINDS)('/healthz tells no one what LINE said (%s)', (kind) => {
  let t: TestApp
  let line: MemoryLine
  beforeEach(async () => {
    line = new MemoryLine()
    t = await createTestApp(kind, { line })
  })
  afterEach(() => t.close())

  it('shows a state and a time, never LINE’s message, a recipient or an organization', async () => {
    const detail = `Failed to send messages (to: ${USER_A}) internal-detail`
    for (let i = 0; i < 3; i++) line.script.push({ kind: 'unavailable', status: 500, detail })
    const port = await t.deps.lines(DEFAULT_ORG)
    for (let i = 0; i < 3; i++) await port?.push(USER_A, msg, { retryKey: `k${i}` })
    const text = await (await t.app.request('/healthz')).text()
    expect(JSON.parse(text).line.status).toBe('unavailable')
    expect(text).not.toContain('internal-detail')
    expect(text).not.toContain(USER_A)
    expect(text).not.toContain(DEFAULT_ORG)
  })
})
