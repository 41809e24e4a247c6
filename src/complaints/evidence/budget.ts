import { tooLargeUnpacked } from './messages.js'
import { DEFAULT_MAX_INFLATED_BYTES, type EvidenceLimits, EvidenceRefused } from './types.js'

// How many bytes one file may still inflate to. Every decoder asks `left()` before it starts
// and inflates with that as its ceiling, then records what it produced with `take()`; crossing
// either allowance (the file's, or the request's when several files come together) refuses
// the file with the limit that was crossed.

export class InflateBudget {
  used = 0
  private readonly file: number
  private readonly request: { limit: number; left: number } | null

  constructor(
    limits: Pick<EvidenceLimits, 'maxInflatedBytes' | 'maxRequestInflatedBytes' | 'requestInflatedUsed'>,
  ) {
    this.file = limits.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES
    const r = limits.maxRequestInflatedBytes
    this.request = r === undefined ? null : { limit: r, left: r - (limits.requestInflatedUsed ?? 0) }
  }

  /** What may still be inflated before a limit is crossed. */
  left(): number {
    const file = this.file - this.used
    return Math.max(0, this.request ? Math.min(file, this.request.left - this.used) : file)
  }

  /** Records `n` bytes inflated (or about to be); refuses when that crosses a limit. */
  take(n: number): void {
    this.used += n
    if (this.used > this.file) this.refuse()
    if (this.request && this.used > this.request.left) this.refuse()
  }

  /** Refuses naming the limit that binds: the file's, or the request's when less of it is left. */
  refuse(): never {
    const req = this.request
    if (req && req.left < this.file) throw new EvidenceRefused(tooLargeUnpacked(req.limit, 'request'))
    throw new EvidenceRefused(tooLargeUnpacked(this.file, 'file'))
  }
}
