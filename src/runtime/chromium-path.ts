import { existsSync } from 'node:fs'

// Which Chromium renders rich menu images and runs the browser tests. In order: the one the
// person names (CHROMIUM_PATH), the one playwright installed for itself (`npx playwright-core
// install chromium`, in its cache on any platform), Debian's package (what CI installs,
// scripts/ensure-chromium.sh). A CHROMIUM_PATH that names nothing is refused rather than
// passed over: the person meant that one.

/** Debian's Chromium (apt-get install chromium). */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium'

export type ChromiumFound =
  | { ok: true; path: string; source: 'CHROMIUM_PATH' | 'playwright' | 'debian' }
  | { ok: false; problem: string }

export interface ChromiumHost {
  env: Record<string, string | undefined>
  exists(path: string): boolean
  /** Where playwright-core keeps its own browser; throws where it has none for the platform. */
  playwrightPath(): string
}

const HOW =
  'Set CHROMIUM_PATH to a Chromium or Chrome executable (on a Mac: ' +
  '"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"), or run ' +
  '`npx playwright-core install chromium`, or on Debian/Ubuntu `apt-get install chromium fonts-thai-tlwg`.'

export function findChromium(host: ChromiumHost): ChromiumFound {
  const named = host.env.CHROMIUM_PATH?.trim()
  if (named) {
    if (host.exists(named)) return { ok: true, path: named, source: 'CHROMIUM_PATH' }
    return { ok: false, problem: `CHROMIUM_PATH is set to ${named}, which does not exist. ${HOW}` }
  }
  let playwright: string | null = null
  try {
    playwright = host.playwrightPath()
  } catch {
    // No build of playwright's browser for this platform: the next place.
  }
  if (playwright && host.exists(playwright)) return { ok: true, path: playwright, source: 'playwright' }
  if (host.exists(DEBIAN_CHROMIUM)) return { ok: true, path: DEBIAN_CHROMIUM, source: 'debian' }
  const looked = [playwright ? `playwright's ${playwright}` : null, DEBIAN_CHROMIUM]
    .filter(Boolean)
    .join(', ')
  return { ok: false, problem: `No Chromium found (CHROMIUM_PATH unset; looked at ${looked}). ${HOW}` }
}

export const fileExists = (path: string) => existsSync(path)
