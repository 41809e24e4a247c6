import { compactText } from '../conversation/analyse.js'
import type { SynonymDef } from '../conversation/synonyms.js'
import type { Parsed } from './located.js'

/**
 * Every file's synonyms in one list. A word may mean one thing only (the second place is named),
 * and must say something once polite particles and punctuation are set aside.
 */
export function collectSynonyms(files: Parsed[], problems: string[]): SynonymDef[] {
  const out: SynonymDef[] = []
  const owner = new Map<string, { means: string; where: string }>()
  for (const { file, data } of files) {
    ;(data.synonyms ?? []).forEach((def, i) => {
      const where = `${file}: synonyms.${i}`
      const means = compactText(def.means).text
      if (means.length === 0) {
        problems.push(`${where}.means: "${def.means}" is only punctuation or polite particles`)
        return
      }
      const check = (list: 'words' | 'alone') => (word: string, j: number) => {
        const here = `${where}.${list}.${j}`
        const text = compactText(word).text
        const before = owner.get(`${list}:${text}`)
        if (text.length === 0) {
          problems.push(`${here}: "${word}" is only punctuation or polite particles`)
        } else if (text === means) {
          problems.push(`${here}: "${word}" is what it means ("${def.means}"); leave it out`)
        } else if (before && before.means !== means) {
          problems.push(
            `${here}: "${word}" already means "${before.means}" (${before.where}); a word means one thing`,
          )
        } else if (!before) {
          owner.set(`${list}:${text}`, { means, where: here })
        }
      }
      def.words.forEach(check('words'))
      def.alone.forEach(check('alone'))
      out.push({ means: def.means, words: def.words, alone: def.alone })
    })
  }
  return out
}
