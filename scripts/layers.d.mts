// Types of scripts/layers.mjs (plain JavaScript so that lint needs nothing but Node) for its test.
export interface Layer {
  name: string
  rank: number
  area: string
}
export const LAYERS: { name: string; rank: number; match: RegExp[] }[]
export const ALLOWED: { from: RegExp; to: RegExp }[]
export function layerOf(path: string): Layer
export function checkLayers(src: string): {
  upward: string[]
  allowed: string[]
  sideways: number
  circles: string[][]
}
