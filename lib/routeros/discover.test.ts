import { describe, expect, it } from "vitest";
import { parseIpAddresses } from "./datasources/ip-addresses";
import { parseMangle } from "./datasources/mangle";
import { parseNat } from "./datasources/nat";
import { parseRoutes } from "./datasources/routes";
import { parseRoutingTables } from "./datasources/routing-tables";
import { discoverBalancing, wanInterfaces, type BalancingConfig } from "./discover";
import { exportRows, pccExport, SEED_V6, SEED_V7 } from "./fixtures/export-rows";

function configFrom(script: string, routing: "v6" | "v7"): BalancingConfig {
  const rows = exportRows(script);
  const get = (path: string) => rows.get(path) ?? [];
  // Routes print active, like a router whose gateways answer.
  const routes = get("/ip/route").map((r) => ({ ...r, active: "true" }));
  return {
    routing,
    mangle: parseMangle(get("/ip/firewall/mangle")),
    nat: parseNat(get("/ip/firewall/nat")),
    routes: parseRoutes({ rows: routes, version: { routing } }),
    routingTables: parseRoutingTables(get("/routing/table").map((r) => ({ name: r.name ?? "", fib: "true" }))),
    ipAddresses: parseIpAddresses(get("/ip/address")),
  };
}

describe("discoverBalancing", () => {
  it.each([
    ["v6", SEED_V6],
    ["v7", SEED_V7],
  ] as const)("finds the seed's two WANs (%s)", (routing, script) => {
    const setup = discoverBalancing(configFrom(script, routing));
    const mark = routing === "v6" ? "routingMark" : "routingTable";
    expect(setup.wans).toEqual([
      expect.objectContaining({
        name: "odd",
        interface: "wlan2",
        addressList: "odd",
        connectionMark: "odd",
        [mark]: "odd",
        gateway: "10.111.0.1",
        expectedWeight: 0.5,
      }),
      expect.objectContaining({
        name: "even",
        interface: "wlan1",
        addressList: "even",
        connectionMark: "even",
        [mark]: "even",
        gateway: "10.112.0.1",
        expectedWeight: 0.25,
      }),
    ]);
    expect(setup.classifierKind).toBe("nth");
    const nthRules = setup.classifiers.map((c) => [c.wan, c.kind === "nth" ? `${c.every},${c.packet}` : "?"]);
    expect(nthRules).toEqual([
      ["odd", "2,1"],
      ["even", "2,2"],
    ]);
    expect(setup.wans.map((w) => w.classifierRuleIds)).toEqual(setup.classifiers.map((c) => [c.ruleId]));
    expect(setup.unmarkedExpectedWeight).toBe(0.25);
    expect(setup.mainRoute).toMatchObject({ gateway: "10.112.0.1", interface: "wlan1" });
    expect(setup.warnings).toEqual([]);
    expect(wanInterfaces(setup)).toEqual(["wlan2", "wlan1"]);
  });

  it("uses the seed's remedy form (src-address-list=!even) without taking the negated list", () => {
    const fixed = SEED_V6.replace("nth=2,1", "nth=2,1 src-address-list=!even").replace("nth=2,2", "nth=2,2 src-address-list=!odd");
    const setup = discoverBalancing(configFrom(fixed, "v6"));
    expect(setup.wans.map((w) => [w.name, w.addressList])).toEqual([
      ["odd", "odd"],
      ["even", "even"],
    ]);
  });

  it.each([3, 4])("finds %i PCC WANs with equal expected weights", (n) => {
    const setup = discoverBalancing(configFrom(pccExport(n), "v6"));
    expect(setup.classifierKind).toBe("pcc");
    expect(setup.wans.map((w) => [w.name, w.interface, w.addressList, w.routingMark, w.gateway])).toEqual(
      Array.from({ length: n }, (_, i) => [`wan${i + 1}`, `wan${i + 1}`, `wan${i + 1}`, `wan${i + 1}`, `10.11${i + 1}.0.1`]),
    );
    for (const wan of setup.wans) expect(wan.expectedWeight).toBeCloseTo(1 / n, 10);
    expect(setup.unmarkedExpectedWeight).toBe(0);
    expect(setup.mainRoute).toMatchObject({ gateway: "10.111.0.1", interface: "wan1" });
    expect(setup.warnings).toEqual([]);
  });

  it("warns about what it cannot tie together", () => {
    const broken = SEED_V7.replace("add name=even fib\n", "").replace(
      /add dst-address=0.0.0.0\/0 gateway=10.111.0.1 routing-table=odd\n/,
      "",
    );
    const setup = discoverBalancing(configFrom(broken, "v7"));
    expect(setup.wans.map((w) => w.name)).toEqual(["odd", "even"]);
    expect(setup.wans[0]).toMatchObject({ gateway: null, interface: null });
    expect(setup.warnings).toEqual(
      expect.arrayContaining([
        "routing table odd: no default route",
        "connection mark odd: could not tell the WAN interface",
        "routing table even is not in /routing/table",
        "srcnat interface wlan2 carries no balancing mark",
      ]),
    );
  });

  it("returns an empty setup with a warning for a router without balancing", () => {
    const setup = discoverBalancing({ routing: "v6", mangle: [], nat: [], routes: [], routingTables: [], ipAddresses: [] });
    expect(setup.wans).toEqual([]);
    expect(setup.warnings).toEqual(["no balancing setup found (no connection mark tied to a route or classifier)"]);
  });
});
