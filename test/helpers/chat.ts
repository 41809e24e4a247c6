import { expect } from 'vitest'
import type { LineMessage } from '../../src/line/port.js'
import type { MemoryLine } from '../fakes/memory-line.js'
import type { TestApp } from './app.js'
import { envelope, fromUser, postbackEvent, signedRequest, textEvent } from './line-events.js'

type Src = ReturnType<typeof fromUser> | { type: 'group'; groupId: string; userId?: string }

/**
 * A person chatting with the bot through the signed webhook: each call sends one event and
 * returns the messages the bot answered with (reply or push), as LINE would show them.
 */
export function chatAs(t: TestApp, line: MemoryLine, source: Src = fromUser()) {
  const send = async (event: unknown): Promise<LineMessage[]> => {
    const before = line.calls.length
    const res = await t.app.request(await signedRequest(envelope([event])))
    expect(res.status).toBe(200)
    await t.settle()
    return line.calls.slice(before).flatMap((c) => ('messages' in c ? c.messages : []))
  }
  const now = () => t.clock.now().getTime()
  return {
    say: (text: string) => send(textEvent(text, source, now())),
    /** Sends a photo or file message; its bytes are whatever the fake LINE holds for `id`. */
    attach: (message: {
      type: 'image' | 'file' | 'video'
      id: string
      fileName?: string
      fileSize?: number
    }) => {
      const ev = textEvent('', source, now())
      return send({ ...ev, message: { ...message, contentProvider: { type: 'line' } } })
    },
    tap: (data: string, params?: Record<string, string>) => {
      const ev = postbackEvent(data, source, now())
      return send(params ? { ...ev, postback: { data, params } } : ev)
    },
  }
}

/** The plain text of text messages, and the alt text of Flex ones. */
export const textOf = (messages: LineMessage[]) =>
  messages.map((m) => (m.type === 'text' ? m.text : m.type === 'flex' ? m.altText : '')).join('\n')

/** Every postback `data` on buttons and quick replies, to tap the way a person would. */
export function postbacks(messages: LineMessage[]): { label: string; data: string }[] {
  const out: { label: string; data: string }[] = []
  const walk = (v: unknown) => {
    if (Array.isArray(v)) for (const x of v) walk(x)
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>
      if ((o.type === 'postback' || o.type === 'datetimepicker') && typeof o.data === 'string') {
        out.push({ label: String(o.label ?? ''), data: o.data })
      }
      for (const x of Object.values(o)) walk(x)
    }
  }
  walk(messages)
  return out
}

export function button(messages: LineMessage[], label: RegExp): string {
  const found = postbacks(messages).find((p) => label.test(p.label))
  if (!found) throw new Error(`no button ${label} in ${JSON.stringify(postbacks(messages))}`)
  return found.data
}
