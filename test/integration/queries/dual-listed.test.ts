import { describe, expect, it } from "vitest";
import { listDualListedClients } from "../../../lib/queries/dual-listed";
import { withDashboardScenario } from "./scenario";

const { db, scenario, prefix } = withDashboardScenario();

describe("listDualListedClients", () => {
  it("lists the dual-listed client with its router, lists and since when", async () => {
    const s = scenario();
    const page = await listDualListedClients({ db: db(), now: s.now, q: prefix, page: 1 });
    expect(page).toMatchObject({ matching: 1, routers: 1 });
    expect(page.rows).toEqual([
      {
        routerId: s.ok.id,
        routerName: s.ok.name,
        site: `${prefix}-site-a`,
        address: s.dual.address,
        lists: s.dual.lists,
        since: s.dual.since,
        durationMs: 12 * 60_000,
      },
    ]);
  });

  it("filters by client address across the fleet", async () => {
    const s = scenario();
    const page = await listDualListedClients({ db: db(), now: s.now, q: s.dual.address, page: 1 });
    expect(page.rows.some((r) => r.routerId === s.ok.id && r.address === s.dual.address)).toBe(true);
    const none = await listDualListedClients({ db: db(), now: s.now, q: "192.168.0.10", page: 1 });
    expect(none.rows.some((r) => r.routerId === s.ok.id)).toBe(false);
  });
});
