import { describe, expect, test } from 'vitest'
import { auditActionWords, auditWords } from '../../src/admin/audit-words.js'
import { AUDIT_ACTIONS } from '../../src/audit/actions.js'

const THAI = /[\u0E00-\u0E7F]/

describe('the audit log in words', () => {
  test.each(AUDIT_ACTIONS)('%s has Thai and English words of its own', (action) => {
    const th = auditWords(action, 'th')
    const en = auditWords(action, 'en')
    expect(th).toMatch(THAI)
    expect(en).not.toMatch(THAI)
    expect(en.length).toBeGreaterThan(3)
    expect(th).toBe(auditActionWords('th')(action))
    expect(en).toBe(auditActionWords('en')(action))
    // Words, not the key again.
    expect(th).not.toContain(action)
    expect(en.toLowerCase()).not.toContain(action)
  })

  test('no two actions read the same; the table has no action the log cannot write', () => {
    const th = AUDIT_ACTIONS.map((a) => auditWords(a, 'th'))
    expect(new Set(th).size).toBe(th.length)
    expect([...auditActionWords.keys].sort()).toEqual([...AUDIT_ACTIONS].sort())
  })

  test('an action this version does not know (an older row) is shown as recorded', () => {
    expect(auditWords('report.exported', 'th')).toBe('report.exported')
    expect(auditWords('__proto__', 'en')).toBe('__proto__')
  })
})
