import { describe, expect, it } from "vitest";
import { searchClients } from "../../../lib/queries/client-search";
import { withDashboardScenario } from "./scenario";

const { db, scenario } = withDashboardScenario();

describe("searchClients", () => {
  it("finds a client by exact IP, dotted prefix and CIDR across routers", async () => {
    const s = scenario();
    const mine = (rows: { routerId: number; address: string }[]) =>
      rows.filter((r) => [s.ok.id, s.down.id].includes(r.routerId)).map((r) => r.address);
    const exact = await searchClients({ db: db(), now: s.now, q: "192.168.7.20", page: 1 });
    expect(exact.query.kind).toBe("exact");
    expect(exact.rows.filter((r) => r.routerId === s.down.id)).toMatchObject([{ routerName: s.down.name, lists: ["odd"] }]);
    const prefix = await searchClients({ db: db(), now: s.now, q: "192.168.0.1", page: 1, pageSize: 500 });
    expect(prefix.query.kind).toBe("exact");
    const dotted = await searchClients({ db: db(), now: s.now, q: "192.168.0.", page: 1, pageSize: 500 });
    expect(mine(dotted.rows)).toEqual(["192.168.0.10", "192.168.0.11", "192.168.0.12", "192.168.0.13", "192.168.0.14"]);
    const cidr = await searchClients({ db: db(), now: s.now, q: "192.168.0.12/31", page: 1, pageSize: 500 });
    expect(mine(cidr.rows)).toEqual(["192.168.0.12", "192.168.0.13"]);
    expect(cidr.rows.find((r) => r.address === s.dual.address && r.routerId === s.ok.id)?.dualListedSince).toEqual(s.dual.since);
  });

  it("answers nothing for text that is not an address", async () => {
    const result = await searchClients({ db: db(), now: scenario().now, q: "'; drop table clients; --", page: 1 });
    expect(result).toMatchObject({ query: { kind: "none" }, rows: [], matching: 0 });
  });
});
