import { type Lang, pick } from '../core/lang.js'
import type { Flows } from '../flows/types.js'

// Complaint categories as flows/ names them (the choices the complainant picked from).

export interface CategoryLabels {
  /** Every category flows/ offers, in its order. */
  values: string[]
  label: (value: string) => string
}

export function categoryLabels(flows: Flows, lang: Lang = 'th'): CategoryLabels {
  const field = flows.forms.get('complaint')?.fields.find((f) => f.id === 'category')
  const choices = field?.type === 'choice' ? field.choices : []
  return {
    values: choices.map((c) => c.value),
    label: (value) => {
      const choice = choices.find((c) => c.value === value)
      return choice ? pick(choice.label, lang) : value
    },
  }
}
