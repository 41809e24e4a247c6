import type { Serial } from '../../src/core/serial.js'

/**
 * Takes `queue` (AppDeps['evidenceWrites']) until `release()`; `waiting(n)` resolves once n
 * pieces are in it, the holder included. `release` is also pushed onto `restore`, which the
 * test's afterEach runs first: a failed expectation must not leave the queue held (and the
 * app's close waiting on it).
 */
export function holdQueue(queue: Serial, restore: (() => void)[]) {
  let release = () => {}
  const held = new Promise<void>((r) => {
    release = r
  })
  const done = queue.run(() => held)
  const waiting = async (n: number) => {
    for (let i = 0; queue.pending < n; i++) {
      if (i > 500) throw new Error(`the queue never held ${n}`)
      await new Promise((r) => setTimeout(r, 10))
    }
  }
  const open = async () => {
    release()
    await done
  }
  restore.push(release)
  return { release: open, waiting }
}
