// npx tsx scripts/understand.ts [questions.tsv] — free-text understanding from the command line,
// for anyone checking it with their own questions, no database needed. Each line of the file
// (or of stdin) is a question, optionally followed by a tab and the expected topic; lines
// starting with # are skipped. Prints one JSON line per question (topic, target, confidence,
// alternatives) and, when topics were given, the accuracy on stderr.
import { readFileSync } from 'node:fs'
import { createTextUnderstanding } from '../src/conversation/understanding.js'
import { loadFlowsFromDir } from '../src/runtime/flows-fs.js'

const path = process.argv[2]
const input = readFileSync(path ?? 0, 'utf8')
const u = createTextUnderstanding(loadFlowsFromDir('flows'))
let asked = 0
let right = 0
for (const line of input.split('\n')) {
  if (line.trim() === '' || line.startsWith('#')) continue
  const [question = '', expected] = line.split('\t')
  const { topic, target, confidence, alternatives } = u.understand(question)
  if (expected) {
    asked++
    if (expected === topic) right++
  }
  const round = (n: number) => Number(n.toFixed(3))
  const others = alternatives.map((a) => ({ ...a, confidence: round(a.confidence) }))
  const result = { question, topic, target, confidence: round(confidence), alternatives: others }
  console.log(JSON.stringify(expected ? { ...result, expected } : result))
}
if (asked > 0) console.error(`topic right: ${right}/${asked} = ${((100 * right) / asked).toFixed(1)} %`)
