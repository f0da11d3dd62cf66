import { describe, expect, it } from "vitest";
import { getClientHistory } from "../../../lib/queries/client-history";
import { withDashboardScenario } from "./scenario";

const { db, scenario } = withDashboardScenario();

describe("getClientHistory", () => {
  it("gives a client's lists and its events newest first", async () => {
    const s = scenario();
    const history = await getClientHistory({ db: db(), now: s.now, routerId: s.ok.id, address: s.flipper.address });
    expect(history?.current?.lists).toEqual(["even"]);
    expect(history?.events.map((e) => [e.kind, e.fromList, e.toList])).toEqual([
      ["moved", "odd", "even"],
      ["moved", "even", "odd"],
      ["moved", "odd", "even"],
      ["joined", null, "odd"],
    ]);
    expect(history?.truncated).toBe(false);
  });

  it("shows both memberships of a dual-listed client", async () => {
    const s = scenario();
    const history = await getClientHistory({ db: db(), now: s.now, routerId: s.ok.id, address: s.dual.address });
    expect(history?.memberships.map((m) => m.list)).toEqual(["odd", "even"]);
    expect(history?.current?.dualListedSince).toEqual(s.dual.since);
  });

  it("returns an empty history for an unknown address and null for an unknown router", async () => {
    const s = scenario();
    expect(await getClientHistory({ db: db(), now: s.now, routerId: s.ok.id, address: "10.9.9.9" })).toMatchObject({
      current: null,
      events: [],
      memberships: [],
    });
    expect(await getClientHistory({ db: db(), now: s.now, routerId: 2_000_000_000, address: "10.9.9.9" })).toBeNull();
  });
});
