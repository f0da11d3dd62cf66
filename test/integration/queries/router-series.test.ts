import { describe, expect, it } from "vitest";
import { getRouterSeries, wanKey } from "../../../lib/queries/router-series";
import { withDashboardScenario } from "./scenario";

const { db, scenario } = withDashboardScenario();

describe("getRouterSeries", () => {
  it("reads raw samples for the last hour, with the 50/25/25 new-connection split and the gateway outage", async () => {
    const s = scenario();
    const series = await getRouterSeries({ db: db(), now: s.now, routerId: s.ok.id, range: "1h" });
    expect(series).toMatchObject({ source: "raw", binSec: 20 });
    expect(series.points.length).toBeGreaterThanOrEqual(180);
    const odd = wanKey(s.ok.wans[0]?.id ?? 0);
    const even = wanKey(s.ok.wans[1]?.id ?? 0);
    const filled = series.points.filter((p) => p.wan[odd]?.conn !== null);
    expect(filled.length).toBeGreaterThan(170);
    for (const p of filled) {
      expect(p.wan[odd]).toMatchObject({ rx: 40e6, conn: 600, connShare: 0.75, newShare: 0.5 });
      expect(p.wan[even]?.newShare).toBe(0.25);
      expect(p.unmarked).toMatchObject({ conn: 200, newShare: 0.25 });
    }
    expect(series.newSplit.perWan.map((w) => w.share)).toEqual([0.5, 0.25]);
    expect(series.newSplit.unmarked.share).toBe(0.25);
    const downBins = series.points.filter((p) => p.wan[even]?.up === 0);
    expect(downBins.length).toBeGreaterThanOrEqual(29);
    expect(downBins.length).toBeLessThanOrEqual(31);
    expect(downBins.every((p) => p.t >= s.gatewayDown.from.getTime() - 20_000 && p.t <= s.gatewayDown.to.getTime())).toBe(true);
    expect(series.points.every((p) => p.wan[odd]?.up !== 0)).toBe(true);
  });

  it("reads minute rollups for 24 hours and hour rollups for 30 days", async () => {
    const s = scenario();
    const day = await getRouterSeries({ db: db(), now: s.now, routerId: s.ok.id, range: "24h" });
    expect(day).toMatchObject({ source: "minute", binSec: 120 });
    expect(day.points.length).toBeGreaterThanOrEqual(720); // 721 when now is not on a bucket edge
    expect(day.points.length).toBeLessThanOrEqual(721);
    const month = await getRouterSeries({ db: db(), now: s.now, routerId: s.ok.id, range: "30d" });
    expect(month).toMatchObject({ source: "hour", binSec: 3600 });
    expect(month.points.length).toBeGreaterThanOrEqual(720);
    expect(month.points.length).toBeLessThanOrEqual(721);
    const odd = wanKey(s.ok.wans[0]?.id ?? 0);
    const filled = month.points.filter((p) => p.wan[odd]?.conn !== null);
    expect(filled.length).toBeGreaterThanOrEqual(718);
    expect(filled[0]?.wan[odd]).toMatchObject({ conn: 600, rx: 40e6, up: 1, newShare: 0.5 });
    expect(month.newSplit.unmarked.share).toBe(0.25);
  });

  it("falls back to another source when the preferred one is empty", async () => {
    const s = scenario();
    const series = await getRouterSeries({ db: db(), now: s.now, routerId: s.stale.id, range: "7d" });
    expect(series.source).toBe("raw");
    expect(series.points.some((p) => p.wan[wanKey(s.stale.wans[2]?.id ?? 0)]?.conn === 100)).toBe(true);
  });

  it("returns empty points without a source for a router with no samples in the range", async () => {
    const s = scenario();
    const series = await getRouterSeries({ db: db(), now: new Date(s.now.getTime() - 40 * 86_400_000), routerId: s.ok.id, range: "1h" });
    expect(series.source).toBeNull();
    expect(series.newSplit.total).toBe(0);
  });
});
