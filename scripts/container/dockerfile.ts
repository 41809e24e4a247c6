// Reads the repository's Dockerfile into stages of steps, for scripts/container-steps.ts (which
// performs them without Docker) and the tests that keep it in step with scripts/launch.mjs.
// Only the instructions our Dockerfile uses are understood; any other is refused by name, so a
// new instruction cannot be skipped silently.

export type Step =
  | { kind: 'WORKDIR'; path: string }
  | { kind: 'COPY'; from: string | null; chown: string | null; sources: string[]; dest: string }
  | { kind: 'RUN'; command: string }
  | { kind: 'ENV'; vars: Record<string, string> }
  | { kind: 'USER'; user: string }
  | { kind: 'EXPOSE'; port: string }
  | { kind: 'HEALTHCHECK'; options: Record<string, string>; cmd: string[] }
  | { kind: 'CMD'; cmd: string[] }

export interface Stage {
  image: string
  name: string | null
  steps: Step[]
}

/** Instructions joined across `\` line ends, comments and blank lines left out. */
function instructions(text: string): string[] {
  const out: string[] = []
  let current = ''
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd()
    if (current === '' && (line.trim() === '' || line.trimStart().startsWith('#'))) continue
    if (current !== '' && line.trimStart().startsWith('#')) continue
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1).trim()} `
      continue
    }
    out.push((current + line.trim()).trim())
    current = ''
  }
  if (current.trim() !== '') out.push(current.trim())
  return out
}

function execForm(text: string, where: string): string[] {
  let parsed: unknown = null
  try {
    parsed = JSON.parse(text)
  } catch {
    // Reported below, with the text.
  }
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) {
    throw new Error(`Dockerfile ${where}: expected the JSON array form, got ${text}`)
  }
  return parsed
}

/** `--name=value` options at the start of `words`, and the words after them. */
function options(words: string[]): { opts: Record<string, string>; rest: string[] } {
  const opts: Record<string, string> = {}
  let i = 0
  for (; i < words.length && words[i]?.startsWith('--'); i++) {
    const [name = '', value = ''] = (words[i] ?? '').slice(2).split('=', 2)
    opts[name] = value
  }
  return { opts, rest: words.slice(i) }
}

export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = []
  for (const instruction of instructions(text)) {
    const [keyword = '', ...words] = instruction.split(/\s+/)
    const args = instruction.slice(keyword.length).trim()
    const kind = keyword.toUpperCase()
    if (kind === 'FROM') {
      const [image = '', as, name] = words
      stages.push({ image, name: as?.toUpperCase() === 'AS' && name ? name : null, steps: [] })
      continue
    }
    const stage = stages.at(-1)
    if (!stage) throw new Error(`Dockerfile: ${kind} before FROM`)
    const steps = stage.steps
    if (kind === 'WORKDIR') steps.push({ kind, path: args })
    else if (kind === 'RUN') steps.push({ kind, command: args })
    else if (kind === 'USER') steps.push({ kind, user: args })
    else if (kind === 'EXPOSE') steps.push({ kind, port: args })
    else if (kind === 'CMD') steps.push({ kind, cmd: execForm(args, 'CMD') })
    else if (kind === 'ENV') {
      const vars: Record<string, string> = {}
      for (const w of words) {
        const eq = w.indexOf('=')
        if (eq < 1) throw new Error(`Dockerfile ENV: expected NAME=value, got ${w}`)
        vars[w.slice(0, eq)] = w.slice(eq + 1)
      }
      steps.push({ kind, vars })
    } else if (kind === 'COPY') {
      const { opts, rest } = options(words)
      const dest = rest.at(-1)
      if (!dest || rest.length < 2)
        throw new Error(`Dockerfile COPY: expected sources and a destination: ${args}`)
      steps.push({
        kind,
        from: opts.from ?? null,
        chown: opts.chown ?? null,
        sources: rest.slice(0, -1),
        dest,
      })
    } else if (kind === 'HEALTHCHECK') {
      const { opts, rest } = options(words)
      if (rest[0]?.toUpperCase() !== 'CMD')
        throw new Error(`Dockerfile HEALTHCHECK: expected CMD, got ${args}`)
      const cmdText = instruction.slice(instruction.search(/\bCMD\b/) + 3).trim()
      steps.push({ kind, options: opts, cmd: execForm(cmdText, 'HEALTHCHECK') })
    } else throw new Error(`Dockerfile: ${kind} is not understood by scripts/container/dockerfile.ts`)
  }
  return stages
}

/** The final stage's environment, CMD and HEALTHCHECK: what `docker run` starts. */
export function finalImage(stages: Stage[]): {
  env: Record<string, string>
  cmd: string[]
  healthcheck: string[] | null
  user: string | null
} {
  const last = stages.at(-1)
  if (!last) throw new Error('Dockerfile: no stage')
  let env: Record<string, string> = {}
  let cmd: string[] = []
  let healthcheck: string[] | null = null
  let user: string | null = null
  for (const s of last.steps) {
    if (s.kind === 'ENV') env = { ...env, ...s.vars }
    if (s.kind === 'CMD') cmd = s.cmd
    if (s.kind === 'HEALTHCHECK') healthcheck = s.cmd
    if (s.kind === 'USER') user = s.user
  }
  return { env, cmd, healthcheck, user }
}
