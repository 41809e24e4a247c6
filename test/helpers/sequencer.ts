import { BaseSequencer, type TestSpecification } from 'vitest/node'

// The order the one queue of test files is taken in, by both workers at once. Vitest runs the
// projects in name order; this puts the few long files first (the Worker in workerd, the
// Chromium walks) so that they overlap the many short ones instead of finishing alone at the end.
// `checks` comes last: its files only wait for what scripts/checks.sh ran beside the rest.
const FIRST = ['workerd', 'browser', 'db-isolated', 'db', 'unit', 'evidence-node', 'checks']

const rank = (spec: TestSpecification) => {
  const i = FIRST.indexOf(spec.project.name)
  return i === -1 ? FIRST.length : i
}

export default class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    // Stable: within a project, vitest's own order (longest last time, else largest file) stays.
    return sorted
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i)
      .map((x) => x.spec)
  }
}
