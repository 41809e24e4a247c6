import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

/** Debian's Chromium: playwright cannot download its own browser here, nor in CI. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

// Offline, sandbox-less (containers, CI) and quiet: no updates, sync or first-run pages; without
// the background-networking flags the closed network refuses Chromium's connections at start.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** Headless Chromium for rendering (rich menu images) and for the browser tests. */
export function launchChromium(executablePath = CHROMIUM_PATH): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(`${executablePath} is missing: apt-get install -y chromium fonts-thai-tlwg`)
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS })
}
