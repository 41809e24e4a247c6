import type { KyselyPlugin, RootOperationNode } from 'kysely'

/** The inbox's and the answers' own statements, by how their SQL starts. */
const RAW: [string, string][] = [
  ['claim events', "update webhook_inbox set status = 'processing'"],
  ['claim answers', "update answer_outbox set state = 'sending'"],
  ['insert answer', 'insert into answer_outbox'],
  ['finish answer', 'with live as'],
  ['complete events', 'with gone as'],
]

const VERBS: Partial<Record<RootOperationNode['kind'], string>> = {
  SelectQueryNode: 'select',
  InsertQueryNode: 'insert',
  UpdateQueryNode: 'update',
  DeleteQueryNode: 'delete',
}

/** A short name for a statement: the known ones by name, the others as "verb table". */
export function statementName(node: RootOperationNode): string {
  if (node.kind === 'RawNode') {
    const text = node.sqlFragments.join('?').replace(/\s+/g, ' ').trim()
    return RAW.find(([, start]) => text.startsWith(start))?.[0] ?? text.slice(0, 40)
  }
  const table =
    /"kind":"TableNode","table":\{"kind":"SchemableIdentifierNode","identifier":\{"kind":"IdentifierNode","name":"([^"]+)"/.exec(
      JSON.stringify(node),
    )?.[1]
  return `${VERBS[node.kind] ?? node.kind} ${table ?? '?'}`
}

/** Records the name of every statement sent through the database it is plugged into. */
export function statementLog(): { plugin: KyselyPlugin; names: string[]; take(): string[] } {
  const names: string[] = []
  return {
    names,
    plugin: {
      transformQuery(args) {
        names.push(statementName(args.node))
        return args.node
      },
      transformResult: async (args) => args.result,
    },
    /** The names recorded since the last take. */
    take: () => names.splice(0),
  }
}
