import type { LineMessage } from '../line/port.js'

/**
 * Small builders for the Flex messages the code draws from flows data (guides, quizzes, form
 * prompts). One look for all of them: a coloured header, the text in the body (in the reader's
 * one language, src/flows/lang.ts), buttons in the footer.
 */
export type FlexNode = Record<string, unknown>
export type FlexAction =
  | { type: 'postback'; label: string; data: string; displayText?: string }
  | { type: 'uri'; label: string; uri: string }
  | { type: 'message'; label: string; text: string }
  | { type: 'datetimepicker'; label: string; data: string; mode: 'date'; max?: string; min?: string }

export const COLORS = { header: '#1F3B73', muted: '#7A7A7A', ok: '#1E7B34', bad: '#B3261E' }

export const text = (value: string, extra: FlexNode = {}): FlexNode => ({
  type: 'text',
  text: value,
  wrap: true,
  ...extra,
})

export const button = (action: FlexAction, style: 'primary' | 'secondary' | 'link' = 'link'): FlexNode => ({
  type: 'button',
  style,
  height: 'sm',
  action,
})

export function bubble(opts: { header: string; body: FlexNode[]; footer?: FlexNode[] }): FlexNode {
  return {
    type: 'bubble',
    header: {
      type: 'box',
      layout: 'vertical',
      backgroundColor: COLORS.header,
      contents: [text(opts.header, { color: '#FFFFFF', weight: 'bold', size: 'sm' })],
    },
    body: { type: 'box', layout: 'vertical', spacing: 'md', contents: opts.body },
    ...(opts.footer && opts.footer.length > 0
      ? { footer: { type: 'box', layout: 'vertical', spacing: 'sm', contents: opts.footer } }
      : {}),
  }
}

export function flex(altText: string, contents: FlexNode): LineMessage {
  // Alt text is the notification and the chat-list preview: LINE caps it at 1,500.
  return { type: 'flex', altText: altText.slice(0, 1500), contents } as unknown as LineMessage
}

export function carousel(altText: string, bubbles: FlexNode[]): LineMessage {
  return flex(altText, { type: 'carousel', contents: bubbles })
}

/** Postback data as a query string, the form every handler parses. */
export const data = (action: string, params: Record<string, string | number>): string =>
  new URLSearchParams({
    action,
    ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
  }).toString()
