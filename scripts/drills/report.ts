/**
 * One drill's figures, printed as one table after it ran: events sent, acknowledged, answered
 * once / twice / none (and how many of the unanswered were in flight at a crash instant),
 * recipients once / twice / missed, seconds to recover, then the drill's own figures and its
 * goals, each OK or MISSED.
 */
import type { DrillEvent } from './webhooks.js'

export interface Figures {
  drill: string
  sent: number
  acknowledged: number
  once: number
  twice: number
  none: number
  /** Of `none`: events whose answer was in flight at the instant an instance was killed. */
  noneInFlight: number
  /** Answered although never acknowledged (stored before a failed 200, say). */
  answeredUnacked: number
  recipients: number
  recipientsOnce: number
  recipientsTwice: number
  recipientsMissed: number
  recoverSeconds: number | null
  recoverLabel: string
  extra: [string, string][]
  goals: { goal: string; ok: boolean }[]
}

export function tallyEvents(
  events: DrillEvent[],
  perChat: Map<string, number>,
  inFlight = new Set<string>(),
) {
  let once = 0
  let twice = 0
  let none = 0
  let noneInFlight = 0
  let answeredUnacked = 0
  for (const e of events) {
    const n = perChat.get(e.chat) ?? 0
    if (e.ackedAt === null) {
      if (n > 0) answeredUnacked++
      continue
    }
    if (n === 1) once++
    else if (n > 1) twice++
    else {
      none++
      if (inFlight.has(e.chat)) noneInFlight++
    }
  }
  const acknowledged = events.filter((e) => e.ackedAt !== null).length
  return { sent: events.length, acknowledged, once, twice, none, noneInFlight, answeredUnacked }
}

export function tallyRecipients(groups: string[], perChat: Map<string, number>) {
  let once = 0
  let twice = 0
  let missed = 0
  for (const g of groups) {
    const n = perChat.get(g) ?? 0
    if (n === 1) once++
    else if (n > 1) twice++
    else missed++
  }
  return { recipients: groups.length, recipientsOnce: once, recipientsTwice: twice, recipientsMissed: missed }
}

export const emptyFigures = (drill: string): Figures => ({
  drill,
  sent: 0,
  acknowledged: 0,
  once: 0,
  twice: 0,
  none: 0,
  noneInFlight: 0,
  answeredUnacked: 0,
  recipients: 0,
  recipientsOnce: 0,
  recipientsTwice: 0,
  recipientsMissed: 0,
  recoverSeconds: null,
  recoverLabel: 'seconds to recover',
  extra: [],
  goals: [],
})

export function printFigures(f: Figures): void {
  const rows: [string, string][] = [
    ['events sent', String(f.sent)],
    ['acknowledged (200)', String(f.acknowledged)],
    ['answered once', String(f.once)],
    ['answered twice or more', String(f.twice)],
    ['answered none', `${f.none}${f.none > 0 ? ` (${f.noneInFlight} in flight at the crash)` : ''}`],
    ['answered, never acknowledged', String(f.answeredUnacked)],
    ['recipients (broadcast)', String(f.recipients)],
    ['recipients once', String(f.recipientsOnce)],
    ['recipients twice or more', String(f.recipientsTwice)],
    ['recipients missed', String(f.recipientsMissed)],
    [f.recoverLabel, f.recoverSeconds === null ? '—' : f.recoverSeconds.toFixed(1)],
    ...f.extra,
  ]
  const w = Math.max(...rows.map(([k]) => k.length))
  console.log(`\n── drill ${f.drill} ${'─'.repeat(Math.max(0, 60 - f.drill.length))}`)
  for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v}`)
  for (const g of f.goals) console.log(`  ${g.ok ? 'OK    ' : 'MISSED'}  ${g.goal}`)
}
