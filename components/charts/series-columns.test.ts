import { describe, expect, it } from "vitest";
import { buildPoints, type RouterSeries } from "@/lib/queries/router-series";
import { fromColumns, toColumns } from "./series-columns";

describe("series columns", () => {
  it("round-trips the points the charts draw (rates to the kbit/s)", () => {
    const from = new Date("2026-11-29T13:00:00Z");
    const to = new Date("2026-11-29T14:00:00Z");
    const points = buildPoints({
      wanIds: [7, 8],
      wanRows: [
        { wan_id: 7, t: Date.parse("2026-11-29T13:20:00Z"), rx: 40_000_400, tx: 4e6, conn: 600, newc: 20, up: 1 },
        { wan_id: 8, t: Date.parse("2026-11-29T13:20:00Z"), rx: 10e6, tx: 1e6, conn: 200, newc: 10, up: 0 },
      ],
      routerRows: [{ t: Date.parse("2026-11-29T13:20:00Z"), unmarked: 200, newu: 10 }],
      from,
      to,
      binSec: 600,
    });
    const series: RouterSeries = {
      range: "1h",
      source: "raw",
      binSec: 600,
      from,
      to,
      points,
      wans: [
        { id: 7, name: "odd", expectedShare: 0.5 },
        { id: 8, name: "even", expectedShare: 0.5 },
      ],
      newSplit: { total: 40, perWan: [], unmarked: { newConnections: 10, share: 0.25 } },
    };
    const columns = toColumns(series);
    expect(columns.length).toBe(points.length);
    const back = fromColumns(JSON.parse(JSON.stringify(columns)) as typeof columns);
    expect(back.map((p) => p.t)).toEqual(points.map((p) => p.t));
    const filled = back.find((p) => p.t === Date.parse("2026-11-29T13:20:00Z"));
    expect(filled?.wan.w7).toMatchObject({ rx: 40_000_000, conn: 600, connShare: 0.75, newShare: 0.5 });
    expect(filled?.unmarked).toEqual({ conn: 200, newConn: 10, newShare: 0.25 });
    expect(back.find((p) => p.t === from.getTime())?.wan.w8?.conn).toBeNull();
  });
});
