import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  extraFields,
  type Json,
  rowsOf,
  typeOf,
  variantLabel,
  variantsOf,
} from '../../src/api/docs-schema.js'

const json = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input' }) as Json

describe('the API page reads JSON Schema into rows', () => {
  it('nested objects and arrays of objects by dotted path, required, constraints', () => {
    const s = z.strictObject({
      name: z.string().min(1).max(10).meta({ description: 'Shown to staff.' }),
      when: z.iso.datetime().nullable(),
      kind: z.enum(['a', 'b']).default('a'),
      groups: z.array(z.object({ id: z.string().regex(/^C/), size: z.int().min(0) })).max(5),
      owner: z.object({ email: z.email() }).optional(),
    })
    expect(
      rowsOf(json(s)).map((r) => [
        r.name,
        r.type.map((p) => p.text).join(''),
        r.required,
        r.notes.join('; '),
      ]),
    ).toEqual([
      ['name', 'string', true, 'Shown to staff.; min length 1; max length 10'],
      ['when', 'string | null', true, ''],
      ['kind', 'string', false, 'one of: "a", "b"; default "a"'],
      ['groups', 'array of object', true, 'max items 5'],
      ['groups[].id', 'string', true, 'pattern ^C'],
      ['groups[].size', 'integer', true, 'min 0'],
      ['owner', 'object', false, ''],
      ['owner.email', 'string', true, 'format email'],
    ])
    expect(extraFields(json(s))).toBe('refused')
    expect(extraFields(json(z.looseObject({ a: z.string() })))).toBe('allowed')
    expect(extraFields(json(z.object({ a: z.string() })))).toBeNull()
  })

  it('unions by their discriminator, references by name', () => {
    const u = json(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('daily') }),
        z.object({ kind: z.literal('weekly'), day: z.int() }),
      ]),
    )
    expect((variantsOf(u) ?? []).map(variantLabel)).toEqual(['kind = "daily"', 'kind = "weekly"'])
    expect(typeOf({ $ref: '#/components/schemas/Run' })).toEqual([{ text: 'Run', ref: 'Run' }])
    expect(typeOf({ type: 'array', items: { $ref: '#/components/schemas/Run' } })).toEqual([
      { text: 'array of ' },
      { text: 'Run', ref: 'Run' },
    ])
    expect(typeOf({})).toEqual([{ text: 'any' }])
    expect(rowsOf({ type: 'string' })).toEqual([])
  })
})
