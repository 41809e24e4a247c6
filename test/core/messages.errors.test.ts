import { describe, expect, it } from 'vitest'
import type { Lang } from '../../src/core/lang.js'
import { defineMessages, MessageError, type Vars } from '../../src/core/messages.js'

const words = defineMessages({
  saved: ['บันทึกแล้ว', 'Saved.'],
  items: ['{{n}} รายการ', '{{n}} items'],
  range: ['ปีงบประมาณ {{fy}}', 'fiscal year {{fy}} ({{from}}–{{to}})'],
})

// What a caller could only do past the types (a value built at run time, a cast): the
// translator still refuses it instead of printing a placeholder.
const loose = (lang: Lang) => words(lang) as unknown as (key: string, vars?: Vars) => string

describe('a missing value', () => {
  it('throws rather than print the placeholder', () => {
    expect(() => loose('th')('items')).toThrow(new MessageError('message "items" needs a value for {{n}}'))
    expect(() => loose('en')('items', {})).toThrow(MessageError)
  })

  it('throws for a value only the other language uses, whichever language is read', () => {
    expect(() => loose('th')('range', { fy: 2569 })).toThrow('message "range" needs a value for {{from}}')
    expect(() => loose('th')('range', { fy: 2569, from: 1 })).toThrow('needs a value for {{to}}')
    expect(() => loose('en')('range', { fy: 2569, to: 1 })).toThrow('needs a value for {{from}}')
  })

  it('does not take a value from Object.prototype', () => {
    const proto = defineMessages({ p: ['{{constructor}}', '{{constructor}}'] })
    expect(() => (proto('en') as unknown as (k: string, v: Vars) => string)('p', {})).toThrow(
      'needs a value for {{constructor}}',
    )
  })

  it('is a type error at the call', () => {
    // @ts-expect-error: "items" needs { n }
    expect(() => words('th')('items')).toThrow(MessageError)
    // @ts-expect-error: "range" needs from and to as well as fy
    expect(() => words('en')('range', { fy: 1 })).toThrow(MessageError)
  })
})

describe('an unknown placeholder', () => {
  it('throws when a value names a placeholder the message does not have', () => {
    expect(() => loose('en')('items', { n: 1, m: 2 })).toThrow(
      new MessageError('message "items" has no {{m}}'),
    )
    expect(() => loose('en')('saved', { n: 1 })).toThrow('message "saved" has no {{n}}')
    // @ts-expect-error: "saved" takes no values
    expect(() => words('th')('saved', { n: 1 })).toThrow(MessageError)
  })

  it('throws for a key the table does not have', () => {
    expect(() => loose('th')('nothing')).toThrow(new MessageError('no message "nothing"'))
    expect(() => loose('th')('toString')).toThrow('no message "toString"')
    // @ts-expect-error: not a key of the table
    expect(() => words('th')('nothing')).toThrow(MessageError)
  })

  it('refuses a table with a broken placeholder when it is made', () => {
    expect(() => defineMessages({ a: ['{{n} รายการ', '{{n}} items'] })).toThrow(
      'message "a": "{{" or "}}" that is not a placeholder',
    )
    expect(() => defineMessages({ a: ['{{n}} รายการ', '{{ 1 }} items'] })).toThrow(MessageError)
  })

  it('refuses the old single-brace {name}, so a table not converted cannot print it', () => {
    expect(() => defineMessages({ a: ['ไม่เกิน {n} ตัวอักษร', 'at most {{n}} characters'] })).toThrow(
      new MessageError('message "a": {n} is not a placeholder (write {{name}})'),
    )
  })
})

describe('a wrong language', () => {
  it('reads English as English and Thai as Thai, never the other', () => {
    expect(words('en')('saved')).toBe('Saved.')
    expect(words('th')('saved')).toBe('บันทึกแล้ว')
  })

  it('throws for a language the bot does not speak', () => {
    expect(() => words('fr' as Lang)).toThrow(new MessageError('no wording in language "fr"'))
    expect(() => words('' as Lang)).toThrow(MessageError)
    // @ts-expect-error: Thai or English only
    expect(() => words('fr')).toThrow(MessageError)
  })
})
