import type { RichMenuArea, RichMenuDef } from '../../src/flows/types.js'

/** A one-row menu of three areas, the size LINE's smallest full-width menu takes. */
export const area = (i: number, th: string, en: string): RichMenuArea => ({
  bounds: { x: i * 833, y: 0, width: i === 2 ? 834 : 833, height: 843 },
  label: { th, en },
  action: { type: 'postback', data: `menu=${i}`, displayText: th },
})

export const DEF: RichMenuDef = {
  name: 'main',
  chatBarText: 'เมนูหลัก',
  size: { width: 2500, height: 843 },
  areas: [area(0, 'งบประมาณ', 'Budget'), area(1, 'ยืมพัสดุ', 'Borrow'), area(2, 'ร้องเรียน', 'Report')],
}
