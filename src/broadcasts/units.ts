/**
 * The LINE aggregation unit a broadcast's pushes are tagged with, so LINE can tell how many
 * opened and clicked it (the insight job reads it back). LINE takes one unit per request,
 * `^[a-zA-Z0-9_]{1,30}$`, and up to 1,000 distinct units a month (later ones are ignored, not
 * refused): one unit per broadcast, not per run, keeps a monthly broadcast to one name.
 * Broadcast ids are UUIDs; 28 of their hex digits stay unique in practice.
 */
export function aggregationUnitFor(broadcastId: string): string {
  return `b_${broadcastId.replace(/[^a-zA-Z0-9]/g, '').slice(0, 28)}`
}
