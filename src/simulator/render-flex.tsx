import { ActionElement, actionAttrs } from './render-actions.js'
import { arr, aspectRatio, color, imageUrl, length, num, type Obj, obj, oneOf, pick, str } from './values.js'

// Flex Message to HTML (docs: "Flex Message elements" and "Flex Message layout"). Components are
// called as plain functions, not JSX components, so an unsupported one throws while the tree is
// built and the caller can fall back to altText, as an old LINE client would.

export class UnsupportedFlex extends Error {}

type Layout = 'vertical' | 'horizontal' | 'baseline'
type Css = [string, string | undefined][]

const SPACING = { none: '0', xs: '2px', sm: '4px', md: '8px', lg: '12px', xl: '16px', xxl: '20px' }
const TEXT_SIZE = {
  xxs: '11px',
  xs: '13px',
  sm: '14px',
  md: '16px',
  lg: '19px',
  xl: '22px',
  xxl: '29px',
  '3xl': '35px',
  '4xl': '48px',
  '5xl': '74px',
}
const IMAGE_SIZE = {
  xxs: '40px',
  xs: '60px',
  sm: '80px',
  md: '100px',
  lg: '120px',
  xl: '140px',
  xxl: '160px',
  '3xl': '180px',
  '4xl': '200px',
  '5xl': '220px',
  full: '100%',
}
const BORDER = { none: '0', light: '0.5px', normal: '1px', medium: '2px', 'semi-bold': '3px', bold: '4px' }
const BUBBLE_WIDTH = {
  nano: '120px',
  micro: '160px',
  deca: '220px',
  hecto: '241px',
  kilo: '260px',
  mega: '300px',
  giga: '500px',
}
const ALIGN = ['flex-start', 'center', 'flex-end'] as const
const JUSTIFY = ['flex-start', 'center', 'flex-end', 'space-between', 'space-around', 'space-evenly'] as const

const css = (pairs: Css): string | undefined => {
  const s = pairs
    .filter((p): p is [string, string] => p[1] !== undefined)
    .map(([k, v]) => `${k}:${v}`)
    .join(';')
  return s || undefined
}

/** Margin and flex depend on the parent's direction; offsets apply to any component. */
function childCss(c: Obj, parent: Layout): Css {
  const across = parent !== 'vertical'
  const flex = Math.max(0, Math.min(num(c.flex) ?? (across ? 1 : 0), 100))
  return [
    [across ? 'margin-left' : 'margin-top', length(c.margin, SPACING)],
    ['flex', flex > 0 ? `${flex} 1 0` : '0 0 auto'],
    ['min-width', across ? '0' : undefined],
    ['position', oneOf(c.position, ['relative', 'absolute'])],
    ['top', length(c.offsetTop, SPACING)],
    ['bottom', length(c.offsetBottom, SPACING)],
    ['left', length(c.offsetStart, SPACING)],
    ['right', length(c.offsetEnd, SPACING)],
    ['align-self', pick({ top: 'flex-start', center: 'center', bottom: 'flex-end' }, c.gravity)],
  ]
}

/** A component with its own `action` (box, text, image, bubble) is clickable as a whole. */
function clickable(c: Obj): Record<string, string> {
  return c.action ? { ...actionAttrs(c.action), role: 'button', tabindex: '0' } : {}
}
const actionClass = (c: Obj) => (c.action ? ' lc-action' : '')

function box(c: Obj, parent: Layout) {
  const layout = oneOf(c.layout, ['vertical', 'horizontal', 'baseline'] as const) ?? 'vertical'
  const style = css([
    ...childCss(c, parent),
    ['flex-direction', layout === 'vertical' ? 'column' : 'row'],
    ['align-items', layout === 'baseline' ? 'baseline' : oneOf(c.alignItems, ALIGN)],
    ['justify-content', oneOf(c.justifyContent, JUSTIFY)],
    ['gap', length(c.spacing, SPACING)],
    ['background-color', color(c.backgroundColor)],
    ['border-color', color(c.borderColor)],
    ['border-width', length(c.borderWidth, BORDER)],
    ['border-style', c.borderWidth || c.borderColor ? 'solid' : undefined],
    ['border-radius', length(c.cornerRadius, SPACING)],
    ['width', length(c.width)],
    ['max-width', length(c.maxWidth)],
    ['height', length(c.height)],
    ['max-height', length(c.maxHeight)],
    ['padding', length(c.paddingAll, SPACING)],
    ['padding-top', length(c.paddingTop, SPACING)],
    ['padding-bottom', length(c.paddingBottom, SPACING)],
    ['padding-left', length(c.paddingStart, SPACING)],
    ['padding-right', length(c.paddingEnd, SPACING)],
  ])
  return (
    <div class={`lc-box lc-${layout}${actionClass(c)}`} style={style} {...clickable(c)}>
      {arr(c.contents).map((child) => component(obj(child), layout))}
    </div>
  )
}

function textCss(c: Obj): Css {
  return [
    ['font-size', length(c.size, TEXT_SIZE)],
    ['font-weight', c.weight === 'bold' ? '700' : undefined],
    ['font-style', c.style === 'italic' ? 'italic' : undefined],
    ['color', color(c.color)],
    ['text-decoration', oneOf(c.decoration, ['underline', 'line-through'])],
  ]
}

function text(c: Obj, parent: Layout) {
  const wrap = c.wrap === true
  const maxLines = num(c.maxLines)
  const style = css([
    ...childCss(c, parent),
    ...textCss(c),
    ['text-align', pick({ start: 'left', end: 'right', center: 'center' }, c.align)],
    ['white-space', wrap ? 'pre-wrap' : 'nowrap'],
    ['line-height', length(c.lineSpacing)],
    ['-webkit-line-clamp', wrap && maxLines ? String(Math.floor(maxLines)) : undefined],
  ])
  const spans = arr(c.contents).map((s) => {
    const span = obj(s)
    return <span style={css(textCss(span))}>{str(span.text) ?? ''}</span>
  })
  return (
    <div
      class={`lc-text${wrap && maxLines ? ' lc-clamp' : ''}${actionClass(c)}`}
      style={style}
      {...clickable(c)}
    >
      {spans.length > 0 ? spans : (str(c.text) ?? '')}
    </div>
  )
}

function button(c: Obj, parent: Layout) {
  const kind = oneOf(c.style, ['primary', 'secondary', 'link'] as const) ?? 'link'
  const tint = color(c.color)
  const style = css([
    ...childCss(c, parent),
    [kind === 'link' ? 'color' : 'background-color', tint],
    ['height', c.height === 'sm' ? '40px' : undefined],
  ])
  return <ActionElement action={c.action} class={`lc-button lc-button-${kind}`} style={style} />
}

function image(c: Obj, parent: Layout) {
  const src = imageUrl(c.url)
  const size = length(c.size, IMAGE_SIZE) ?? IMAGE_SIZE.md
  const style = css([
    ...childCss(c, parent),
    ['width', size],
    ['max-width', '100%'],
    ['aspect-ratio', aspectRatio(c.aspectRatio) ?? '1 / 1'],
    ['background-color', color(c.backgroundColor)],
    ['align-self', pick({ start: 'flex-start', end: 'flex-end', center: 'center' }, c.align ?? 'center')],
  ])
  const fit = c.aspectMode === 'cover' ? 'lc-cover' : 'lc-fit'
  return (
    <div class={`lc-image ${fit}${actionClass(c)}`} style={style} {...clickable(c)}>
      {src ? <img src={src} alt="" loading="lazy" referrerpolicy="no-referrer" /> : null}
    </div>
  )
}

function icon(c: Obj, parent: Layout) {
  const src = imageUrl(c.url)
  const style = css([
    ...childCss(c, parent),
    ['flex', '0 0 auto'],
    ['height', length(c.size, TEXT_SIZE) ?? '16px'],
  ])
  return src ? <img class="lc-icon" src={src} alt="" style={style} referrerpolicy="no-referrer" /> : <span />
}

function component(c: Obj, parent: Layout) {
  switch (c.type) {
    case 'box':
      return box(c, parent)
    case 'text':
      return text(c, parent)
    case 'button':
      return button(c, parent)
    case 'image':
      return image(c, parent)
    case 'icon':
      return icon(c, parent)
    case 'separator':
      return (
        <hr class="lc-separator" style={css([...childCss(c, parent), ['border-color', color(c.color)]])} />
      )
    case 'filler':
      return <div class="lc-filler" style={css([['flex', `${num(c.flex) ?? 1} 1 0`]])} />
    case 'spacer':
      return <div class="lc-spacer" style={css([['flex', `0 0 ${length(c.size, SPACING) ?? SPACING.md}`]])} />
    default:
      throw new UnsupportedFlex(`flex component "${String(c.type)}"`)
  }
}

const BLOCKS = ['header', 'hero', 'body', 'footer'] as const

function bubble(b: Obj) {
  const styles = obj(b.styles)
  const width = length(b.size, BUBBLE_WIDTH) ?? BUBBLE_WIDTH.mega
  const blocks = BLOCKS.filter((name) => b[name]).map((name, i) => {
    const s = obj(styles[name])
    const separator = i > 0 && s.separator === true
    const style = css([
      ['background-color', color(s.backgroundColor)],
      ['border-top', separator ? `1px solid ${color(s.separatorColor) ?? '#e5e5e5'}` : undefined],
    ])
    return (
      <div class={`lc-block lc-${name}`} style={style}>
        {component(obj(b[name]), 'vertical')}
      </div>
    )
  })
  return (
    <div class={`lc-bubble${actionClass(b)}`} style={css([['width', width]])} {...clickable(b)}>
      {blocks}
    </div>
  )
}

/** A Flex container: a bubble, or a carousel of up to 12 bubbles that scrolls sideways. */
export function flexContainer(contents: unknown) {
  const c = obj(contents)
  if (c.type === 'bubble') return bubble(c)
  if (c.type === 'carousel') {
    return <div class="lc-carousel">{arr(c.contents).map((b) => bubble(obj(b)))}</div>
  }
  throw new UnsupportedFlex(`flex container "${String(c.type)}"`)
}
