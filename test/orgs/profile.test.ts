import { describe, expect, test } from 'vitest'
import { brandOf, checkProfile, greetingVars, logoUrl, orgName } from '../../src/orgs/profile.js'
import type { Org } from '../../src/orgs/service.js'

const ORG: Org = {
  slug: 'north',
  nameTh: 'สำนักงานภาคเหนือ',
  nameEn: 'Northern Office',
  shortName: 'สภน.',
  logoVersion: 'a1b2c3',
  hasChannel: false,
  createdAt: new Date('2026-11-22T00:00:00Z'),
}

describe('the agency name: checks', () => {
  test('trims each field and accepts an empty English or short name', () => {
    expect(checkProfile({ nameTh: '  กรมตัวอย่าง ', nameEn: ' ', shortName: '' })).toEqual({
      ok: true,
      profile: { nameTh: 'กรมตัวอย่าง', nameEn: '', shortName: '' },
    })
  })

  test('each bad field is refused with a Thai message naming it and what to do', () => {
    const refused = (input: { nameTh?: string; nameEn?: string; shortName?: string }) => {
      const r = checkProfile({ nameTh: 'กรมตัวอย่าง', nameEn: '', shortName: '', ...input })
      return r.ok ? [] : r.refusals.map((x) => [x.field, x.th])
    }
    expect(refused({ nameTh: '   ' })).toEqual([['nameTh', 'กรุณากรอกชื่อหน่วยงานภาษาไทย']])
    expect(refused({ nameTh: 'ก'.repeat(201) })).toEqual([
      ['nameTh', 'ชื่อหน่วยงานภาษาไทยยาว 201 ตัวอักษร เกินกำหนด 200 ตัวอักษร กรุณาย่อให้สั้นลง'],
    ])
    expect(refused({ shortName: 'ส'.repeat(31) })).toEqual([
      ['shortName', 'ชื่อย่อยาว 31 ตัวอักษร เกินกำหนด 30 ตัวอักษร กรุณาย่อให้สั้นลง'],
    ])
    expect(refused({ nameEn: '<script>alert(1)</script>' })).toEqual([
      ['nameEn', 'ชื่อหน่วยงานภาษาอังกฤษต้องไม่มีเครื่องหมาย < หรือ > (ระบบไม่รับโค้ด HTML หรือสคริปต์ในชื่อ)'],
    ])
    expect(refused({ nameTh: 'กรม<b>ตัวอย่าง</b>' })[0]?.[0]).toBe('nameTh')
    expect(refused({ nameTh: 'กรม\nตัวอย่าง' })).toEqual([
      ['nameTh', 'ชื่อหน่วยงานภาษาไทยต้องเป็นข้อความบรรทัดเดียว ไม่มีการขึ้นบรรทัดใหม่หรืออักขระควบคุม'],
    ])
    expect(refused({ shortName: 'ก\u0000' })[0]?.[0]).toBe('shortName')
  })

  test('every refused field at once, in the form order, with English beside', () => {
    const r = checkProfile({ nameTh: '', nameEn: 'x'.repeat(250), shortName: '<i>' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.refusals.map((x) => x.field)).toEqual(['nameTh', 'nameEn', 'shortName'])
    expect(r.refusals[1]?.en).toBe(
      'The English name has 250 characters, over the limit of 200. Please shorten it.',
    )
  })
})

describe('the agency name: where it shows', () => {
  test('English pages fall back to the Thai name; the logo address carries its version', () => {
    expect(orgName(ORG, 'en')).toBe('Northern Office')
    expect(orgName({ ...ORG, nameEn: '' }, 'en')).toBe('สำนักงานภาคเหนือ')
    expect(logoUrl(ORG)).toBe('/logo/north?v=a1b2c3')
    expect(logoUrl({ ...ORG, logoVersion: null })).toBeNull()
    expect(brandOf(ORG, 'th')).toEqual({
      name: 'สำนักงานภาคเหนือ',
      shortName: 'สภน.',
      logoUrl: '/logo/north?v=a1b2c3',
    })
  })

  test("the greeting's placeholders: name with the short name in brackets", () => {
    expect(greetingVars(ORG)).toEqual({
      orgName: 'สำนักงานภาคเหนือ (สภน.)',
      orgNameEn: 'Northern Office (สภน.)',
    })
    expect(greetingVars({ ...ORG, shortName: '', nameEn: '' })).toEqual({
      orgName: 'สำนักงานภาคเหนือ',
      orgNameEn: 'สำนักงานภาคเหนือ',
    })
  })
})
