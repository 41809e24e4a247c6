import type { Child } from 'hono/jsx'
import type { Lang } from '../core/lang.js'
import { formatMonth } from '../core/time/index.js'
import { cumulative, num, pct } from './format.js'
import { evidenceWords } from './labels.js'
import type { MonthReach, UnitReach } from './types.js'

// Charts as inline SVG drawn here, on the server: the printed page needs no script, no
// library and no network, and prints the same in any browser. Colours come from presentation
// attributes, which the console's CSP (no inline style attributes) allows. Each chart has a
// table beside it with the same figures, for screen readers and for copying.

const W = 640
const INK = '#1b1f23'
const GRID = '#d0d5dc'
const BRAND = '#1f3b73'

/** A round top for the axis: 0–7 → 10, 212 → 250, 1,380 → 1,500. */
export function axisTop(max: number): number {
  if (max <= 0) return 10
  const step = 10 ** Math.floor(Math.log10(max))
  const nice = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((f) => f * step >= max) ?? 10
  return Math.max(10, nice * step)
}

/** The accessible frame both charts share: a titled, scalable image. */
function ChartFrame(props: { kind: string; id: string; height: number; title: string; children: Child }) {
  const titleId = `${props.id}-title`
  return (
    <svg
      class={`chart ${props.kind}`}
      id={props.id}
      viewBox={`0 0 ${W} ${props.height}`}
      width="100%"
      role="img"
      aria-labelledby={titleId}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={titleId}>{props.title}</title>
      {props.children}
    </svg>
  )
}

/** Unique people reached so far, month by month from October: the curve only rises. */
export function ReachChart(props: { lang: Lang; months: readonly MonthReach[]; id: string }) {
  const t = evidenceWords(props.lang)
  const points = cumulative(props.months)
  const top = axisTop(Math.max(0, ...points.map((p) => p.total)))
  const H = 240
  const left = 56
  const right = 16
  const plotTop = 16
  const plotBottom = H - 32
  const x = (i: number) => left + ((W - left - right) * (i + 0.5)) / Math.max(1, points.length)
  const y = (v: number) => plotBottom - ((plotBottom - plotTop) * v) / top
  return (
    <ChartFrame kind="reach-chart" id={props.id} height={H} title={`${t('people')} (${t('cumulative')})`}>
      {[0, top / 2, top].map((v) => (
        <g class="grid">
          <line x1={left} x2={W - right} y1={y(v)} y2={y(v)} stroke={GRID} stroke-width="1" />
          <text x={left - 6} y={y(v) + 4} text-anchor="end" font-size="12" fill={INK}>
            {num(v)}
          </text>
        </g>
      ))}
      <polyline
        class="curve"
        fill="none"
        stroke={BRAND}
        stroke-width="2.5"
        points={points.map((p, i) => `${x(i).toFixed(1)},${y(p.total).toFixed(1)}`).join(' ')}
      />
      {points.map((p, i) => (
        <g class="point" data-month={p.month} data-total={String(p.total)}>
          <circle cx={x(i).toFixed(1)} cy={y(p.total).toFixed(1)} r="3.5" fill={BRAND} />
          <text x={x(i).toFixed(1)} y={H - 12} text-anchor="middle" font-size="11" fill={INK}>
            {formatMonth(p.month, props.lang, true)}
          </text>
        </g>
      ))}
    </ChartFrame>
  )
}

/** Acknowledgment rate of each unit as a bar (0–100%); a unit whose members are unknown has none. */
export function AckChart(props: { lang: Lang; units: readonly UnitReach[]; id: string }) {
  const t = evidenceWords(props.lang)
  const row = 30
  const label = 190
  const right = 70
  const H = 24 + row * props.units.length
  const span = W - label - right
  return (
    <ChartFrame kind="ack-chart" id={props.id} height={H} title={`${t('ackRate')} · ${t('byUnit')}`}>
      {[0, 0.5, 1].map((f) => (
        <g class="grid">
          <line
            x1={label + span * f}
            x2={label + span * f}
            y1="4"
            y2={H - 18}
            stroke={GRID}
            stroke-width="1"
          />
          <text x={label + span * f} y={H - 4} text-anchor="middle" font-size="11" fill={INK}>
            {`${f * 100}%`}
          </text>
        </g>
      ))}
      {props.units.map((u, i) => {
        const rate = u.ackRate === null ? 0 : Math.min(1, Math.max(0, u.ackRate))
        const yTop = 6 + i * row
        return (
          <g class="unit-bar" data-unit={u.unit}>
            <text x={label - 8} y={yTop + 15} text-anchor="end" font-size="13" fill={INK}>
              {u.unit}
            </text>
            <rect class="bar" x={label} y={yTop} height="20" width={(span * rate).toFixed(1)} fill={BRAND} />
            <text x={label + span * rate + 6} y={yTop + 15} font-size="12" fill={INK}>
              {pct(u.ackRate, t('unknown'))}
            </text>
          </g>
        )
      })}
    </ChartFrame>
  )
}
