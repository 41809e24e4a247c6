import { afterEach, describe, expect, test } from 'vitest'
import { draft } from '../admin/line-link.fixture.js'
import { broadcastApp } from '../broadcasts/console/broadcasts.fixture.js'
import type { TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'

// The flash cookie carries a message key, never text: a planted cookie cannot write into a page.

describe.each(DB_KINDS)('flash messages after a redirect, security (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('a forged flash cookie shows nothing of its own and is cleared', async () => {
    const made = await broadcastApp(kind)
    t = made.t
    const id = await draft(made.sender)
    for (const forged of [
      'i.<script>alert(1)</script>',
      'e.toString',
      'x.scheduledOk',
      'i.',
      'scheduledOk',
    ]) {
      made.sender.cookies.set('__Host-admin_flash', encodeURIComponent(forged))
      const res = await made.sender.get(`/admin/broadcasts/${id}`)
      expect(res.status).toBe(200)
      expect(made.sender.lastHtml).not.toContain('<script>alert')
      expect(made.sender.lastHtml).not.toMatch(/<p class="msg( error)?" role="(status|alert)">/)
      expect(res.headers.getSetCookie().some((c) => /^__Host-admin_flash=;/.test(c))).toBe(true)
    }
  })
})
