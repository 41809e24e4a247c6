import type { Localized } from '../core/lang.js'

// The rich menu as flows/richmenu.yaml defines it (src/flows/schema.ts checks the file): the
// LINE port's own type, since the port turns it into LINE's menus (richmenu-rules.ts).

/**
 * A rich-menu text: `{ th, en }`, one for each language's menu (src/line/richmenu-lang.ts), or
 * one string both menus share (files written before the menus were per language).
 */
export type MenuText = string | Required<Localized>

export interface RichMenuArea {
  bounds: { x: number; y: number; width: number; height: number }
  /** Drawn on the image and read aloud as the action's label, in the menu's language. */
  label: { th: string; en: string }
  action:
    | { type: 'postback'; data: string; displayText?: MenuText }
    | { type: 'message'; text: MenuText }
    | { type: 'uri'; uri: string }
}

/** The rich menu in both languages: the upload makes a Thai and an English one from it. */
export interface RichMenuDef {
  name: string
  chatBarText: MenuText
  size: { width: 2500; height: 1686 | 843 }
  areas: RichMenuArea[]
  /** Optional image(s) in flows/ (PNG/JPEG); rendered from the labels when absent. */
  image?: MenuText
}
