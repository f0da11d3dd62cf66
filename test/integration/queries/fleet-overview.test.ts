import { describe, expect, it } from "vitest";
import { getFleetOverview } from "../../../lib/queries/fleet-overview";
import { snapshotCache } from "../../../lib/queries/fleet-snapshot";
import { fleetParamsSchema, type FleetParams } from "../../../app/search-params";
import { withDashboardScenario } from "./scenario";

const { db, scenario, prefix } = withDashboardScenario();
const params = (over: Partial<FleetParams> = {}): FleetParams => ({ ...fleetParamsSchema.parse({}), q: prefix, ...over });

describe("getFleetOverview", () => {
  it("shows each router's health, shares against expected weights, clients per list and dual-listed count", async () => {
    const s = scenario();
    const fleet = await getFleetOverview({ db: db(), now: s.now, params: params({ sort: "name" }) });
    expect(fleet.matching).toBe(3);
    expect(fleet.rows.map((r) => [r.name, r.health])).toEqual([
      [s.down.name, "unreachable"],
      [s.ok.name, "ok"],
      [s.stale.name, "stale"],
    ]);
    const ok = fleet.rows.find((r) => r.id === s.ok.id);
    expect(ok).toMatchObject({
      connectionsTotal: 1000,
      connectionsUnmarked: 200,
      clients: 5,
      dualListed: 1,
      site: `${prefix}-site-a`,
      balancingMethod: "nth",
    });
    expect(ok?.listCounts).toEqual([
      { list: "even", clients: 3 },
      { list: "odd", clients: 3 },
    ]);
    expect(ok?.wans.map((w) => [w.name, w.connections, w.connectionShare, w.expectedShare])).toEqual([
      ["odd", 600, 0.75, 0.5],
      ["even", 200, 0.25, 0.5],
    ]);
    expect(ok?.wans[0]?.bpsShare).toBeCloseTo(0.8, 6);
    expect(ok?.imbalance).toEqual({ maxDeviation: 0.25, worstWan: "odd", level: "imbalanced" });
    const down = fleet.rows.find((r) => r.id === s.down.id);
    expect(down).toMatchObject({ lastError: s.down.lastError, statusSince: s.down.statusSince });
    expect(fleet.sites).toEqual(expect.arrayContaining([`${prefix}-site-a`, `${prefix}-site-b`]));
    expect(fleet.tags).toContain(`${prefix}-lab`);
  });

  it("sorts the routers that need attention first by default", async () => {
    const fleet = await getFleetOverview({ db: db(), now: scenario().now, params: params() });
    expect(fleet.rows.map((r) => r.health)).toEqual(["unreachable", "stale", "ok"]);
  });

  it("filters by status, site, tag, imbalance and dual-listed on the server", async () => {
    const s = scenario();
    const names = async (over: Partial<FleetParams>) =>
      (await getFleetOverview({ db: db(), now: s.now, params: params(over) })).rows.map((r) => r.name).sort();
    expect(await names({ status: ["unreachable", "stale"] })).toEqual([s.down.name, s.stale.name]);
    expect(await names({ site: `${prefix}-site-b` })).toEqual([s.down.name, s.stale.name]);
    expect(await names({ tag: `${prefix}-lab` })).toEqual([s.ok.name]);
    expect(await names({ dual: true })).toEqual([s.down.name, s.ok.name]);
    expect(await names({ imbalanced: true })).toEqual([s.down.name, s.ok.name]);
  });

  it("finds a router by a client's IP or prefix, and pages the result", async () => {
    const s = scenario();
    const byIp = await getFleetOverview({ db: db(), now: s.now, params: params({ q: "192.168.7.20" }) });
    expect(byIp.rows.map((r) => r.id)).toContain(s.down.id);
    expect(byIp.rows.map((r) => r.id)).not.toContain(s.ok.id);
    const paged = await getFleetOverview({ db: db(), now: s.now, params: params({ size: 25, sort: "name", page: 9 }) });
    expect(paged).toMatchObject({ page: 1, pageCount: 1, matching: 3 });
  });

  it("sorts by imbalance with missing values last", async () => {
    const fleet = await getFleetOverview({ db: db(), now: scenario().now, params: params({ sort: "imbalance" }) });
    expect(fleet.rows.map((r) => r.imbalance.maxDeviation)).toEqual([0.25, 0.25, 0]);
  });
});

describe("snapshotCache", () => {
  it("shares one read within its time to live and reads again after it", async () => {
    const s = scenario();
    const cache = snapshotCache({ ttlMs: 1000 });
    const first = cache.get({ db: db(), now: s.now });
    expect(cache.get({ db: db(), now: new Date(s.now.getTime() + 999) })).toBe(first);
    const later = cache.get({ db: db(), now: new Date(s.now.getTime() + 1000) });
    expect(later).not.toBe(first);
    const fleet = await getFleetOverview({ db: db(), now: new Date(s.now.getTime() + 1500), params: params(), snapshots: cache });
    expect(fleet.readAt).toEqual(new Date(s.now.getTime() + 1000));
    expect((await first).routers.find((r) => r.id === s.ok.id)?.connectionsTotal).toBe(1000);
  });

  it("refreshes a snapshot past half its life in the background, still serving it, and never serves one older than its time to live", async () => {
    const reads: number[] = [];
    const read = async ({ now }: { now: Date }) => {
      reads.push(now.getTime());
      return { readAt: now, routers: [] };
    };
    const cache = snapshotCache({ ttlMs: 1000, read });
    const t0 = Date.UTC(2026, 10, 30, 12, 0, 0);
    const at = (ms: number) => ({ db: db(), now: new Date(t0 + ms) });
    const first = await cache.get(at(0));
    expect((await cache.get(at(400))).readAt).toEqual(first.readAt); // young: no read
    expect(reads).toHaveLength(1);
    expect(await cache.get(at(600))).toBe(first); // past half its life: served, refreshed behind it
    expect(reads).toEqual([t0, t0 + 600]);
    await new Promise((r) => setTimeout(r, 0));
    expect((await cache.get(at(700))).readAt).toEqual(new Date(t0 + 600)); // the refresh has landed
    expect((await cache.get(at(2000))).readAt).toEqual(new Date(t0 + 2000)); // too old: read and wait
    expect(reads).toEqual([t0, t0 + 600, t0 + 2000]);
  });
});
