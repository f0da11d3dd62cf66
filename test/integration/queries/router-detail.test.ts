import { describe, expect, it } from "vitest";
import { getRouterDetail } from "../../../lib/queries/router-detail";
import { withDashboardScenario } from "./scenario";

const { db, scenario } = withDashboardScenario();

describe("getRouterDetail", () => {
  it("gives WAN cards from the newest samples and the router totals", async () => {
    const s = scenario();
    const router = await getRouterDetail({ db: db(), now: s.now, routerId: s.ok.id });
    expect(router).toMatchObject({ name: s.ok.name, health: "ok", dataStale: false, balancingMethod: "nth" });
    expect(
      router?.wans.map((w) => ({
        name: w.name,
        interface: w.interface,
        gateway: w.gateway,
        routeActive: w.routeActive,
        rx: w.rxBps,
        conn: w.connections,
        share: w.connectionShare,
      })),
    ).toEqual([
      { name: "odd", interface: "wlan2", gateway: "10.111.0.1", routeActive: true, rx: 40e6, conn: 600, share: 0.75 },
      { name: "even", interface: "wlan1", gateway: "10.112.0.1", routeActive: true, rx: 10e6, conn: 200, share: 0.25 },
    ]);
    expect(router?.latest).toMatchObject({
      connectionsTotal: 1000,
      connectionsUnmarked: 200,
      unmarkedShare: 0.2,
      clients: 5,
      dualListed: 1,
    });
    expect(router?.latest?.at.getTime()).toBe(s.now.getTime() - 3000);
  });

  it("says an unreachable router is unreachable since when, with the error, and that its data is stale", async () => {
    const s = scenario();
    const router = await getRouterDetail({ db: db(), now: s.now, routerId: s.down.id });
    expect(router).toMatchObject({ health: "unreachable", statusSince: s.down.statusSince, lastError: s.down.lastError, dataStale: true });
  });

  it("marks an ok router stale when it was last polled more than two intervals ago", async () => {
    const s = scenario();
    const router = await getRouterDetail({ db: db(), now: s.now, routerId: s.stale.id });
    expect(router).toMatchObject({ health: "stale", dataStale: true });
    expect(router?.wans.map((w) => w.expectedShare)).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it("returns null for an unknown router", async () => {
    expect(await getRouterDetail({ db: db(), now: scenario().now, routerId: 2_000_000_000 })).toBeNull();
  });
});
