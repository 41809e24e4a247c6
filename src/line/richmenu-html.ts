import type { Lang } from '../core/lang.js'
import type { RichMenuDef } from './richmenu-def.js'
import { menuText } from './richmenu-lang.js'

// Thai government documents use Sarabun (TH Sarabun New); the others are what Debian and
// Noto ship, so a machine with any Thai font renders real glyphs instead of boxes.
const FONTS = `'Sarabun', 'TH Sarabun New', 'Noto Sans Thai', 'Noto Sans Thai UI', 'Loma', 'Garuda', 'Tlwg Typo', sans-serif`
const TILE_COLOURS = ['#1b4d9b', '#2563b8']
const GAP = 14

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )

// Thai vowel and tone marks sit above or below the consonant and take no width of their own.
const THAI_MARKS = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/g

/** A bold letter is about 0.6 em wide: size the label to fit the tile's width on one line. */
function labelSize(label: string, width: number, height: number): number {
  const letters = label.replace(THAI_MARKS, '').length
  const byWidth = (1.3 * width) / Math.max(4, letters)
  return Math.round(Math.max(36, Math.min(height * 0.22, byWidth, 150)))
}

/**
 * A page the size of the menu, one tile per area with its label in the menu's language only
 * (one language at a time: no English on the Thai menu). Rendered to that menu's image when
 * flows/ gives none; also fine to show in a browser.
 */
export function richMenuHtml(def: RichMenuDef, lang: Lang = 'th'): string {
  const { width, height } = def.size
  const tiles = def.areas.map((area, i) => {
    const b = area.bounds
    const label = area.label[lang]
    const size = labelSize(label, b.width, b.height)
    const style = [
      `left:${b.x + GAP}px`,
      `top:${b.y + GAP}px`,
      `width:${b.width - 2 * GAP}px`,
      `height:${b.height - 2 * GAP}px`,
      `background:${TILE_COLOURS[i % TILE_COLOURS.length]}`,
    ].join(';')
    return `<div class="tile" style="${style}">
  <div class="label" style="font-size:${size}px">${escapeHtml(label)}</div>
</div>`
  })
  const empty =
    def.areas.length === 0 ? `<div class="empty">${escapeHtml(menuText(def.chatBarText, lang))}</div>` : ''
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><style>
html, body { margin: 0; padding: 0; }
body { width: ${width}px; height: ${height}px; position: relative; overflow: hidden;
  background: #eef2f9; font-family: ${FONTS}; }
.tile { position: absolute; box-sizing: border-box; border-radius: 40px; color: #fff;
  display: flex; flex-direction: column; align-items: center; justify-content: center;
  text-align: center; padding: 24px; overflow: hidden; }
.label { font-weight: 700; line-height: 1.25; overflow-wrap: anywhere; }
.empty { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
  font-size: 160px; color: #1b4d9b; }
</style></head>
<body>
${tiles.join('\n')}${empty}
</body></html>`
}
