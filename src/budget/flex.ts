import type { messagingApi } from '@line/bot-sdk'
import { LIMITS } from '../line/limits.js'
import { formatMillions, formatTenths } from './money.js'
import type { BudgetSummary, Standing } from './summary.js'
import type { Wording, Words } from './wording.js'

// The budget card as a LINE Flex bubble: totals, a disbursed bar and a target bar (boxes with
// percentage widths), the units furthest behind and ahead, the "as of" day, and two buttons
// that open the ask / raise-a-concern dialogue. Pure: wording comes in from flows (wording.ts).

type Component = messagingApi.FlexComponent
type Box = messagingApi.FlexBox
type Text = messagingApi.FlexText

/** The buttons' postback data (their dialogue lives elsewhere). */
export const ASK_DATA = 'action=budget-ask&kind=ask'
export const CONCERN_DATA = 'action=budget-ask&kind=concern'

const COLOR = {
  header: '#0B6E4F',
  onHeader: '#FFFFFF',
  label: '#555555',
  soft: '#8A8A8A',
  disbursed: '#06C755',
  target: '#F5A623',
  track: '#E6E6E6',
  behind: '#C62828',
  ahead: '#2E7D32',
}

/** LINE refuses an empty text component, so an empty piece is left out instead. */
const text = (t: string, o: Partial<Text> = {}): Text[] =>
  t.trim() ? [{ type: 'text', text: t, wrap: true, ...o }] : []
const box = (layout: Box['layout'], contents: Component[], o: Partial<Box> = {}): Box => ({
  type: 'box',
  layout,
  contents,
  ...o,
})
const pct = (t: number | null) => (t === null ? '–' : formatTenths(t))

function label(w: Words, o: Partial<Text> = {}): Box {
  return box('vertical', text(w, { size: 'sm', color: COLOR.label, ...o }))
}

/** A track with a filled part `tenths` of a percent wide. */
function bar(tenths: number | null, color: string): Box {
  const width = Math.max(0, Math.min(1000, tenths ?? 0))
  const fill = box('vertical', [], {
    width: `${width / 10}%`,
    height: '8px',
    backgroundColor: color,
    cornerRadius: '4px',
  })
  return box('vertical', width > 0 ? [fill] : [], {
    height: '8px',
    backgroundColor: COLOR.track,
    cornerRadius: '4px',
    margin: 'sm',
  })
}

function gauge(w: Words, tenths: number | null, color: string): Box {
  return box('vertical', [
    box('horizontal', [
      { ...label(w), flex: 3 },
      ...text(pct(tenths), { size: 'lg', weight: 'bold', align: 'end', color, flex: 2, gravity: 'center' }),
    ]),
    bar(tenths, color),
  ])
}

function amount(w: Words, satang: bigint): Box {
  return box('horizontal', [
    { ...label(w), flex: 3 },
    ...text(formatMillions(satang), { size: 'sm', weight: 'bold', align: 'end', flex: 2, gravity: 'center' }),
  ])
}

function ranking(w: Words, lines: Standing[], none: Words, color: string): Box {
  const rows = lines.map((l) =>
    box('horizontal', [
      ...text(l.name, { size: 'xs', flex: 5 }),
      ...text(`${pct(l.disbursedPct)} / ${pct(l.targetPct)}`, { size: 'xs', align: 'end', flex: 3, color }),
    ]),
  )
  return box(
    'vertical',
    [
      label(w, { weight: 'bold', color }),
      ...(rows.length > 0 ? rows : text(none, { size: 'xs', color: COLOR.soft })),
    ],
    {
      spacing: 'xs',
    },
  )
}

function overallLine(s: BudgetSummary, w: Wording): Component[] {
  if (s.scope.kind === 'org') return []
  const o = s.overall
  return [
    { type: 'separator' },
    ...text(`${w.overall}: ${w.disbursed} ${pct(o.disbursedPct)} · ${w.target} ${pct(o.targetPct)}`, {
      size: 'xs',
    }),
  ]
}

function button(label: string, data: string, style: 'primary' | 'secondary'): messagingApi.FlexButton {
  // No displayText: in a group it would show everyone who is raising a concern.
  return {
    type: 'button',
    style,
    height: 'sm',
    color: style === 'primary' ? COLOR.header : undefined,
    action: { type: 'postback', label, data },
  }
}

export function budgetBubble(s: BudgetSummary, w: Wording): messagingApi.FlexBubble {
  const t = s.totals
  return {
    type: 'bubble',
    size: 'mega',
    header: box(
      'vertical',
      [
        ...text(w.title, { weight: 'bold', size: 'md', color: COLOR.onHeader }),
        ...text(`${w.scope} · ${w.period}`, { size: 'sm', color: COLOR.onHeader, margin: 'md' }),
      ],
      { backgroundColor: COLOR.header, paddingAll: 'lg' },
    ),
    body: box(
      'vertical',
      [
        gauge(w.disbursed, t.disbursedPct, COLOR.disbursed),
        gauge(w.target, t.targetPct, COLOR.target),
        { type: 'separator' },
        ...text(w.millions, { size: 'xxs', color: COLOR.soft, align: 'end' }),
        amount(w.allocation, t.allocation),
        amount(w.commitment, t.commitment),
        amount(w.disbursed, t.disbursement),
        amount(w.remaining, t.remaining),
        { type: 'separator' },
        ranking(w.behind, s.behind, w.none, COLOR.behind),
        ranking(w.ahead, s.ahead, w.none, COLOR.ahead),
        ...overallLine(s, w),
      ],
      { spacing: 'md' },
    ),
    footer: box(
      'vertical',
      [
        ...text(w.asOf, { size: 'xs', color: COLOR.label }),
        box(
          'horizontal',
          [button(w.ask, ASK_DATA, 'primary'), button(w.concern, CONCERN_DATA, 'secondary')],
          {
            spacing: 'sm',
            margin: 'md',
          },
        ),
      ],
      { spacing: 'xs' },
    ),
  }
}

/** The card as one LINE message; altText (notifications, old clients) clipped to LINE's limit. */
export function budgetMessage(s: BudgetSummary, w: Wording): messagingApi.FlexMessage {
  const altText = w.altText.length > LIMITS.altText ? `${w.altText.slice(0, LIMITS.altText - 1)}…` : w.altText
  return { type: 'flex', altText, contents: budgetBubble(s, w) }
}
