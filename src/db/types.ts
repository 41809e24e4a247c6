// PostgreSQL type OIDs whose JS shape differs between `pg` and PGlite by default.
// Both drivers are configured from this one table so repositories see the same types.
export const PG_OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const

/** int8 → number (counts and ids stay far below 2^53); numeric → string (money keeps its digits);
 * date → 'YYYY-MM-DD' (a calendar day has no time zone, so no Date object). */
export const typeParsers: Record<number, (value: string) => unknown> = {
  [PG_OID.INT8]: (v) => Number(v),
  [PG_OID.NUMERIC]: (v) => v,
  [PG_OID.DATE]: (v) => v,
}
