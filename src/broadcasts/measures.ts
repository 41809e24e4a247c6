import type { TemplateKey } from './tables.js'

/**
 * The measure each template serves (flows `measures:`), so its deliveries land under it without
 * anyone tagging them. Free text and Flex JSON can serve any measure: the author must say which.
 */
export const TEMPLATE_MEASURE: Record<TemplateKey, string | null> = {
  budget: 'budget',
  assets: 'assets',
  nogift: 'nogift',
  text: null,
  flex: null,
}

export const measureOf = (template: TemplateKey, given: string | null | undefined): string | null =>
  given?.trim() || TEMPLATE_MEASURE[template]
