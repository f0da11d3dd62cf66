import type { RouterSeries } from "@/lib/queries/router-series";
import { fillShares, wanKey, type SeriesPoint } from "@/lib/metrics/series-point";

// The series travels to the browser as columns (no keys per point, rates in kbit/s, times implied by
// the bucket grid): a 30-day page carries a fraction of the bytes. The browser rebuilds the points.

type Column = (number | null)[];

export type SeriesColumns = Omit<RouterSeries, "points" | "from" | "to"> & {
  start: number;
  length: number;
  wanColumns: { rxK: Column; txK: Column; conn: Column; newConn: Column }[];
  unmarkedConn: Column;
  unmarkedNew: Column;
};

const kilo = (v: number | null): number | null => (v === null ? null : Math.round(v / 1000));

export function toColumns(series: RouterSeries): SeriesColumns {
  const { points, from: _from, to: _to, ...rest } = series;
  const ids = series.wans.map((w) => wanKey(w.id));
  return {
    ...rest,
    start: points[0]?.t ?? 0,
    length: points.length,
    wanColumns: ids.map((id) => ({
      rxK: points.map((p) => kilo(p.wan[id]?.rx ?? null)),
      txK: points.map((p) => kilo(p.wan[id]?.tx ?? null)),
      conn: points.map((p) => p.wan[id]?.conn ?? null),
      newConn: points.map((p) => p.wan[id]?.newConn ?? null),
    })),
    unmarkedConn: points.map((p) => p.unmarked.conn),
    unmarkedNew: points.map((p) => p.unmarked.newConn),
  };
}

export function fromColumns(columns: SeriesColumns): SeriesPoint[] {
  const times1000 = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : v * 1000);
  return Array.from({ length: columns.length }, (_, i) => {
    const wan: SeriesPoint["wan"] = {};
    columns.wans.forEach((w, k) => {
      const c = columns.wanColumns[k];
      wan[wanKey(w.id)] = {
        rx: times1000(c?.rxK[i]),
        tx: times1000(c?.txK[i]),
        conn: c?.conn[i] ?? null,
        connShare: null,
        newConn: c?.newConn[i] ?? null,
        newShare: null,
        up: null,
      };
    });
    return fillShares({
      t: columns.start + i * columns.binSec * 1000,
      wan,
      unmarked: { conn: columns.unmarkedConn[i] ?? null, newConn: columns.unmarkedNew[i] ?? null, newShare: null },
    });
  });
}
