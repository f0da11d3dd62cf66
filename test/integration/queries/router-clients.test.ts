import { describe, expect, it } from "vitest";
import { listRouterClients } from "../../../lib/queries/router-clients";
import { withDashboardScenario } from "./scenario";

const { db, scenario } = withDashboardScenario();
const base = { sort: "address" as const, page: 1 };

describe("listRouterClients", () => {
  it("lists a router's clients in address order with lists, tenure, flips in 24 h and the dual-listed flag", async () => {
    const s = scenario();
    const page = await listRouterClients({ db: db(), now: s.now, routerId: s.ok.id, filter: base });
    expect(page).toMatchObject({ matching: 5, page: 1, pageCount: 1, lists: ["even", "odd"] });
    expect(page.rows.map((r) => r.address)).toEqual(["192.168.0.10", "192.168.0.11", "192.168.0.12", "192.168.0.13", "192.168.0.14"]);
    const flipper = page.rows.find((r) => r.address === s.flipper.address);
    expect(flipper).toMatchObject({ lists: ["even"], flips24h: s.flipper.flips24h, tenureMs: 30 * 60_000, dualListedSince: null });
    const dual = page.rows.find((r) => r.address === s.dual.address);
    expect(dual).toMatchObject({ lists: ["odd", "even"], dualListedSince: s.dual.since, tenureMs: 40 * 60_000 });
  });

  it("filters by list, dual-listed and address prefix, sorts by flips and tenure, and pages", async () => {
    const s = scenario();
    const run = (filter: Parameters<typeof listRouterClients>[0]["filter"]) =>
      listRouterClients({ db: db(), now: s.now, routerId: s.ok.id, filter });
    expect((await run({ ...base, list: "even" })).rows.map((r) => r.address)).toEqual(["192.168.0.11", "192.168.0.12", "192.168.0.14"]);
    expect((await run({ ...base, dual: true })).rows.map((r) => r.address)).toEqual([s.dual.address]);
    expect((await run({ ...base, q: "192.168.0.13" })).rows.map((r) => r.address)).toEqual(["192.168.0.13"]);
    expect((await run({ ...base, q: "192.168.0.0/30" })).matching).toBe(0);
    expect((await run({ ...base, q: "192.168.0.8/29" })).matching).toBe(5);
    expect((await run({ sort: "flips", page: 1 })).rows[0]?.address).toBe(s.flipper.address);
    expect((await run({ sort: "tenure", page: 1 })).rows[0]?.address).toBe("192.168.0.13");
    const second = await run({ ...base, page: 2, pageSize: 2 });
    expect(second).toMatchObject({ page: 2, pageCount: 3 });
    expect(second.rows.map((r) => r.address)).toEqual(["192.168.0.12", "192.168.0.13"]);
  });
});
