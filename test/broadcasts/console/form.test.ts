import { describe, expect, it } from 'vitest'
import { readCompose, toMessages } from '../../../src/broadcasts/console/form.js'

const fields = (content: string) =>
  readCompose(
    (n) => (n === 'content' ? content : ''),
    () => [],
  )

describe('the compose form, one language at a time', () => {
  it('a No Gift reminder without the flows card (no broadcast id yet) is Thai only, never Thai then English', () => {
    const out = toMessages(fields('nogift'))
    if ('key' in out) throw new Error(out.key)
    const text = out.messages.map((m) => (m.type === 'text' ? m.text : '')).join('\n')
    expect(text).toContain('นโยบายไม่รับของขวัญ')
    // The policy's own name stays as official Thai writes it; no English sentence follows.
    expect(text.replaceAll('No Gift Policy', '')).not.toMatch(/[A-Za-z]{3,}/)
  })
})
