import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { envSchema } from '../src/config.js'

// .env.example is what an agency copies for compose.yaml: every variable the bot reads must be
// there with its meaning, and nothing the bot does not read may pose as a setting.

/** Variables .env.example may list that config.ts does not read, and the file that does. */
const OTHER_READERS: Record<string, string> = {
  POSTGRES_PASSWORD: 'compose.yaml',
}

interface Entry {
  name: string
  line: number
  described: boolean
}

const VARIABLE = /^#?\s?([A-Z][A-Z0-9_]*)=/

/** Each NAME= or # NAME= line, and whether prose (a comment, not a variable) comes above it. */
function entries(text: string): Entry[] {
  const lines = text.split('\n')
  const out: Entry[] = []
  for (const [i, line] of lines.entries()) {
    const m = VARIABLE.exec(line)
    if (!m?.[1]) continue
    // A run of variables under one description shares it.
    let j = i - 1
    while (j >= 0 && VARIABLE.test(lines[j] ?? '')) j--
    const above = lines[j] ?? ''
    out.push({ name: m[1], line: i + 1, described: /^#\s*\S/.test(above) })
  }
  return out
}

/** What differs between the example and the schema, as sentences naming the variables. */
function drift(example: string, schemaKeys: string[]): string[] {
  const listed = entries(example)
  const names = new Set(listed.map((e) => e.name))
  const problems: string[] = []
  for (const key of schemaKeys) {
    if (!names.has(key)) problems.push(`${key} is read by src/config.ts but missing from .env.example`)
  }
  for (const e of listed) {
    if (!schemaKeys.includes(e.name) && !OTHER_READERS[e.name]) {
      problems.push(`${e.name} (line ${e.line}) is in .env.example but src/config.ts does not read it`)
    }
    if (!e.described) problems.push(`${e.name} (line ${e.line}) has no comment above it saying what it is`)
  }
  const seen = new Set<string>()
  for (const e of listed) {
    if (seen.has(e.name)) problems.push(`${e.name} is listed twice (line ${e.line})`)
    seen.add(e.name)
  }
  return problems
}

const example = readFileSync('.env.example', 'utf8')
const schemaKeys = Object.keys(envSchema.shape)

describe('.env.example and src/config.ts', () => {
  it('list the same variables, each with what it means', () => {
    expect(drift(example, schemaKeys)).toEqual([])
    expect(schemaKeys.length).toBeGreaterThan(25)
  })

  it('variables it lists for others are read there', () => {
    for (const [name, file] of Object.entries(OTHER_READERS)) {
      expect(example).toMatch(new RegExp(`^${name}=`, 'm'))
      expect(readFileSync(file, 'utf8')).toContain(`\${${name}`)
    }
  })

  it('leaves empty the secrets production requires, so a forgotten one stops the bot naming it', () => {
    for (const name of [
      'LINE_CHANNEL_SECRET',
      'LINE_CHANNEL_ACCESS_TOKEN',
      'APP_SECRET',
      'DATA_ENCRYPTION_KEY',
    ]) {
      expect(example).toMatch(new RegExp(`^${name}=$`, 'm'))
    }
  })
})

describe('.env.example drift is caught', () => {
  it('a variable added to config.ts only', () => {
    expect(drift(example, [...schemaKeys, 'NEW_SETTING'])).toEqual([
      'NEW_SETTING is read by src/config.ts but missing from .env.example',
    ])
  })

  it('a variable added to .env.example only', () => {
    const problems = drift(`${example}\n# Something new.\n# NEW_SETTING=1\n`, schemaKeys)
    expect(problems).toEqual([
      `NEW_SETTING (line ${example.split('\n').length + 2}) is in .env.example but src/config.ts does not read it`,
    ])
  })

  it('a variable without a description, and one listed twice', () => {
    const problems = drift(`${example}\n\nPORT=4000\n`, schemaKeys)
    expect(problems).toContain(
      `PORT (line ${example.split('\n').length + 2}) has no comment above it saying what it is`,
    )
    expect(problems).toContain(`PORT is listed twice (line ${example.split('\n').length + 2})`)
  })
})
