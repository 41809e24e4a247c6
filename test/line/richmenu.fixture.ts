import type { RichMenuArea, RichMenuDef } from '../../src/flows/types.js'

/** A one-row menu of three areas, the size LINE's smallest full-width menu takes. */
export const area = (i: number, th: string, en: string): RichMenuArea => ({
  bounds: { x: i * 833, y: 0, width: i === 2 ? 834 : 833, height: 843 },
  label: { th, en },
  action: { type: 'postback', data: `menu=${i}`, displayText: { th, en } },
})

/** Both languages written out, as flows/richmenu.yaml is. */
export const DEF: RichMenuDef = {
  name: 'main',
  chatBarText: { th: 'เมนูหลัก', en: 'Main menu' },
  size: { width: 2500, height: 843 },
  areas: [area(0, 'งบประมาณ', 'Budget'), area(1, 'ยืมพัสดุ', 'Borrow'), area(2, 'ร้องเรียน', 'Report')],
}

/** A file from before the menus were per language: one chat bar text and one text per action. */
export const PLAIN: RichMenuDef = {
  ...DEF,
  chatBarText: 'เมนูหลัก',
  areas: DEF.areas.map((a) => ({ ...a, action: { type: 'message', text: a.label.th } })),
}
