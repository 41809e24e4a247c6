import { afterEach, describe, expect, test } from 'vitest'
import type { TestApp } from '../helpers/app.js'
import { DB_KINDS } from '../helpers/db.js'
import { budgetApp, count, fixture, loggedIn, upload } from './helpers.js'

const enc = (s: string) => new TextEncoder().encode(s)
const HEADER = 'ปีงบประมาณ,งวด,หน่วยงาน,แผนงาน/โครงการ,งบที่ได้รับจัดสรร,ก่อหนี้ผูกพัน (PO),เบิกจ่าย,เป้าหมายการเบิกจ่าย'
const nothingStored = async (t: TestApp) => {
  expect(await count(t, 'budget_versions')).toBe(0)
  expect(await count(t, 'budget_rows')).toBe(0)
  expect(await count(t, 'broadcasts')).toBe(0)
}

describe.each(DB_KINDS)('budget console, bad uploads (%s)', (kind) => {
  let t: TestApp | undefined
  afterEach(async () => t?.close())

  test('a file with bad rows: a 422 report listing every one (line, column, why), nothing imported', async () => {
    t = (await budgetApp(kind)).t
    const owner = await loggedIn(t, 'owner')
    const bytes = enc(
      [
        HEADER,
        '2569,ไตรมาส 1,กองคลัง,แผนงานบริหารงานทั่วไป,"4,215,000.00",0,หนึ่งล้าน,30%',
        '2569,ไตรมาส 1,กองช่าง,แผนงานเคหะและชุมชน,"8,940,000.00",0,"412,600.00",30%',
        '2690,ไตรมาส 1,กองช่าง,แผนงานอุตสาหกรรมและการโยธา,"6,500,000.00",-1,0,30%',
      ].join('\n'),
    )
    const { res, html } = await upload(t, owner, { bytes, name: 'งบ.csv' })
    expect(res.status).toBe(422)
    expect(html).toContain('ไม่ได้นำเข้าข้อมูลใด ๆ พบปัญหา 3')
    const cells = [...html.matchAll(/<tr class="issue"><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)].map((m) => [
      m[1],
      m[2],
    ])
    expect(cells).toEqual([
      ['2', 'เบิกจ่าย (G)'],
      ['4', 'ปีงบประมาณ (A)'],
      ['4', 'ก่อหนี้ผูกพัน (PO) (F)'],
    ])
    expect(html).toContain('&quot;หนึ่งล้าน&quot; ไม่ใช่ตัวเลข')
    expect(html).toContain('is not a number') // English beside it
    expect(html).toContain('ไม่มีปีงบประมาณ 2690')
    await nothingStored(t)
  })

  test('a 20 MB upload is refused at the door (413) with its size, never parsed, nothing stored', async () => {
    t = (await budgetApp(kind)).t
    const owner = await loggedIn(t, 'owner')
    const big = new Uint8Array(20 * 1024 * 1024).fill(0x2c)
    const declared = await upload(
      t,
      owner,
      { bytes: big, name: 'big.csv' },
      {},
      { contentLength: big.byteLength + 800 },
    )
    expect(declared.res.status).toBe(413)
    expect(declared.html).toContain('20.0 MB เกินขนาดสูงสุด 5.0 MB')
    expect(declared.html).toContain('over the 5.0 MB limit')
    // Without a Content-Length the stream is cut as it passes the limit.
    const streamed = await upload(t, owner, { bytes: big, name: 'big.csv' })
    expect(streamed.res.status).toBe(413)
    expect(streamed.html).toContain('เกินขนาดสูงสุด 5.0 MB')
    await nothingStored(t)
  })

  test('a configured limit applies to the file itself too', async () => {
    t = (await budgetApp(kind)).t
    t.deps.config.env.BUDGET_MAX_UPLOAD_BYTES = 2_048
    const owner = await loggedIn(t, 'owner')
    const { res, html } = await upload(t, owner, { bytes: fixture('budget-2569.csv'), name: 'budget.csv' })
    expect(res.status).toBe(422)
    expect(html).toContain('ไฟล์มีขนาด 4 KB เกินขนาดสูงสุด 2 KB')
    await nothingStored(t)
  })

  test('wrong type, empty file, no file, a year that is not the chosen one, a date in the future', async () => {
    t = (await budgetApp(kind)).t
    const owner = await loggedIn(t, 'owner')
    const pdf = await upload(t, owner, { bytes: enc('%PDF-1.7 ...'), name: 'budget.pdf' })
    expect(pdf.res.status).toBe(422)
    expect(pdf.html).toContain('รองรับเฉพาะไฟล์ .csv และ .xlsx')
    const empty = await upload(t, owner, { bytes: new Uint8Array(0), name: 'empty.csv' })
    expect(empty.res.status).toBe(422)
    expect(empty.html).toContain('ไฟล์ว่างเปล่า')
    const none = await upload(t, owner, null)
    expect(none.res.status).toBe(422)
    expect(none.html).toContain('กรุณาเลือกไฟล์')
    const otherYear = await upload(
      t,
      owner,
      { bytes: fixture('budget-2569.csv'), name: 'b.csv' },
      { fiscalYear: '2570' },
    )
    expect(otherYear.res.status).toBe(422)
    expect(otherYear.html).toContain('ไม่ตรงกับปีงบประมาณที่เลือกอัปโหลด (2570)')
    expect(otherYear.html.match(/class="issue"/g)).toHaveLength(18)
    const future = await upload(
      t,
      owner,
      { bytes: fixture('budget-2569.csv'), name: 'b.csv' },
      { asOf: '2027-01-01' },
    )
    expect(future.res.status).toBe(422)
    expect(future.html).toContain('ข้อมูลในแบบฟอร์มไม่ถูกต้อง')
    await nothingStored(t)
  })

  test('no group to send to: imported, and the page says why no monthly broadcast was made', async () => {
    t = (await budgetApp(kind)).t
    await t.deps.db.updateTable('line_groups').set({ status: 'left' }).execute()
    const owner = await loggedIn(t, 'owner')
    const { res } = await upload(t, owner, { bytes: fixture('budget-2569.csv'), name: 'b.csv' })
    expect(res.headers.get('location')).toMatch(/\?m=m_no_recipients$/)
    await owner.get(res.headers.get('location') ?? '')
    expect(owner.lastHtml).toContain('ยังไม่มีกลุ่มผู้รับ')
    expect(await count(t, 'budget_versions')).toBe(1)
    expect(await count(t, 'broadcasts')).toBe(0)
  })
})
