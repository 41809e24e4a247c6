// Types of scripts/layers-graph.mjs, the import graph scripts/layers.mjs checks.
export function readGraph(src: string): Map<string, string[]>
export function findCircles(graph: Map<string, string[]>): string[][]
