// One bucket of a router's time series and the shares derived from it. Pure (no database), so the
// browser can rebuild points from the compact columns the page sends.

export type WanPoint = {
  rx: number | null;
  tx: number | null;
  conn: number | null;
  /** share of the marked connections, 0..1 */
  connShare: number | null;
  newConn: number | null;
  /** share of all new connections (marked and unmarked), 0..1 */
  newShare: number | null;
  /** fraction of samples with the WAN's default route active, 0..1 */
  up: number | null;
};

/** Key of a WAN in a point: not a bare number, which V8 stores as a slow sparse array index. */
export const wanKey = (wanId: number): string => `w${wanId}`;

export type SeriesPoint = {
  t: number;
  /** by wanKey(wan id) */
  wan: Record<string, WanPoint>;
  unmarked: { conn: number | null; newConn: number | null; newShare: number | null };
};

const share = (part: number | null, total: number): number | null => (part === null || total <= 0 ? null : part / total);

// Points travel to the browser as props: a few significant digits keep a 30-day page small.
export const round = (value: number | null, digits: number): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

/** Sets each WAN's share of the marked connections and everyone's share of new connections in a point. */
export function fillShares(point: SeriesPoint): SeriesPoint {
  const wans = Object.values(point.wan);
  const marked = wans.reduce((s, w) => s + (w.conn ?? 0), 0);
  const newMarked = wans.reduce((s, w) => s + (w.newConn ?? 0), 0);
  const anyNew = wans.some((w) => w.newConn !== null) || point.unmarked.newConn !== null;
  const newTotal = newMarked + (point.unmarked.newConn ?? 0);
  for (const w of wans) {
    w.connShare = w.conn === null ? null : round(share(w.conn, marked), 4);
    w.newShare = anyNew ? round(share(w.newConn ?? 0, newTotal), 4) : null;
  }
  point.unmarked.newShare = anyNew ? round(share(point.unmarked.newConn ?? 0, newTotal), 4) : null;
  return point;
}
