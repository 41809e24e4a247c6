import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'
import { type ChromiumFound, fileExists, findChromium } from './chromium-path.js'

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

/** This machine's Chromium: CHROMIUM_PATH, playwright's own, Debian's (src/runtime/chromium-path.ts). */
export function localChromium(): ChromiumFound {
  return findChromium({
    env: process.env,
    exists: fileExists,
    playwrightPath: () => chromium.executablePath(),
  })
}

/** Headless Chromium for rendering (rich menu images) and for the browser tests. */
export function launchChromium(executablePath?: string): Promise<Browser> {
  let path = executablePath
  if (path === undefined) {
    const found = localChromium()
    if (!found.ok) return Promise.reject(new Error(found.problem))
    path = found.path
  } else if (!existsSync(path)) {
    return Promise.reject(new Error(`${path} is missing: apt-get install -y chromium fonts-thai-tlwg`))
  }
  return chromium.launch({ executablePath: path, args: CHROMIUM_ARGS })
}
