import { describe, expect, it } from 'vitest'
import { type ChromiumHost, DEBIAN_CHROMIUM, findChromium } from '../../src/runtime/chromium-path.js'

const PLAYWRIGHT = '/home/me/.cache/ms-playwright/chromium-1200/chrome-linux/chrome'

function host(
  files: string[],
  env: Record<string, string | undefined> = {},
  playwright: string | null = PLAYWRIGHT,
) {
  return {
    env,
    exists: (p: string) => files.includes(p),
    playwrightPath: () => {
      if (playwright === null) throw new Error('no browser for this platform')
      return playwright
    },
  } satisfies ChromiumHost
}

describe('finding Chromium', () => {
  it('CHROMIUM_PATH first, whatever else is there', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
    expect(findChromium(host([chrome, PLAYWRIGHT, DEBIAN_CHROMIUM], { CHROMIUM_PATH: chrome }))).toEqual({
      ok: true,
      path: chrome,
      source: 'CHROMIUM_PATH',
    })
  })

  it("then playwright's own browser, then Debian's", () => {
    expect(findChromium(host([PLAYWRIGHT, DEBIAN_CHROMIUM]))).toMatchObject({
      path: PLAYWRIGHT,
      source: 'playwright',
    })
    expect(findChromium(host([DEBIAN_CHROMIUM]))).toMatchObject({ path: DEBIAN_CHROMIUM, source: 'debian' })
    // A platform playwright has no build for.
    expect(findChromium(host([DEBIAN_CHROMIUM], {}, null))).toMatchObject({ source: 'debian' })
  })

  it('an empty CHROMIUM_PATH counts as unset', () => {
    expect(findChromium(host([DEBIAN_CHROMIUM], { CHROMIUM_PATH: '  ' }))).toMatchObject({ source: 'debian' })
  })
})

describe('finding Chromium: refusals', () => {
  it('a CHROMIUM_PATH naming nothing is refused, not passed over for another browser', () => {
    const found = findChromium(host([DEBIAN_CHROMIUM], { CHROMIUM_PATH: '/opt/chrome/chrome' }))
    expect(found.ok).toBe(false)
    expect(found.ok ? '' : found.problem).toContain(
      'CHROMIUM_PATH is set to /opt/chrome/chrome, which does not exist',
    )
  })

  it('none anywhere: says where it looked and the three ways to get one', () => {
    const found = findChromium(host([]))
    expect(found.ok).toBe(false)
    const problem = found.ok ? '' : found.problem
    expect(problem).toContain(
      `No Chromium found (CHROMIUM_PATH unset; looked at playwright's ${PLAYWRIGHT}, ${DEBIAN_CHROMIUM})`,
    )
    expect(problem).toContain('Set CHROMIUM_PATH')
    expect(problem).toContain('npx playwright-core install chromium')
    expect(problem).toContain('apt-get install chromium fonts-thai-tlwg')
  })
})
