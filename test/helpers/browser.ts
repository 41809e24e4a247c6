import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../../src/runtime/chromium.js'

// Chromium for the browser tests: launched once per test process (the `browser` project runs
// many files in one process) instead of once per file, which cost each file a start and a stop
// of Chromium's processes. Each file still gets pages of its own, each in a fresh context
// (cookies, storage), as from a browser of its own, and closes them all when it is done.
// Playwright kills the browser when the process exits.

let shared: Promise<Browser> | null = null

/** The pages a test file opens, in the process's Chromium; `close()` closes them, not Chromium. */
export type TestBrowser = Pick<Browser, 'newPage' | 'close'>

function launch(): Promise<Browser> {
  shared = launchChromium().catch((err: unknown) => {
    shared = null
    throw err
  })
  return shared
}

export async function openBrowser(): Promise<TestBrowser> {
  let browser = await (shared ?? launch())
  // Chromium went away (it crashed, or a test closed it): this file gets a new one.
  if (!browser.isConnected()) browser = await launch()
  const pages: Page[] = []
  return {
    async newPage(options) {
      // Browser.newPage makes a context for the page alone; closing it closes the page too.
      const page = await browser.newPage(options)
      pages.push(page)
      return page
    },
    async close() {
      await Promise.all(pages.splice(0).map((p) => p.context().close()))
    },
  }
}
