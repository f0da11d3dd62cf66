import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatIp, parseIp } from "../../engine/ip";
import { exportText, open, testRouter } from "../../testing/test-router";
import { groundTruth } from "../ground-truth";
import { loadConfig } from "./load-config";

// Every export in sim/exports loads for its version, and each one's balancing does what its rules say.
const VERSIONS: Record<string, "6.49" | "7.19"> = {
  "seed-nth.rsc": "6.49",
  "seed-nth-fixed.rsc": "6.49",
  "seed-nth-v7.rsc": "7.19",
  "pcc-3wan.rsc": "6.49",
  "pcc-3wan-v7.rsc": "7.19",
  "pcc-4wan.rsc": "6.49",
  "failover-netwatch.rsc": "7.19",
  "pinned-clients.rsc": "6.49",
};

const host = (base: string, n: number): string => formatIp(parseIp(base)! + n);
const DESTINATIONS = ["93.184.216.34", "151.101.1.69", "142.250.74.46", "104.16.132.229", "13.107.42.14"];

describe("the export fixtures", () => {
  it("are all known here and load for their version, and their /export loads back to the same rules", () => {
    const files = readdirSync(fileURLToPath(new URL("../../exports/", import.meta.url))).filter((f) => f.endsWith(".rsc"));
    expect(files.sort()).toEqual(Object.keys(VERSIONS).sort());
    for (const file of files) {
      const router = testRouter({ file, version: VERSIONS[file] });
      const again = loadConfig({ script: router.exportConfig(), routeStyle: router.personality.routeStyle });
      for (const table of ["filter", "mangle", "nat", "raw"] as const)
        expect(
          again[table].map((r) => r.params),
          `${file} ${table}`,
        ).toEqual(router.dataplane.config[table].map((r) => r.params));
      expect(again.interfaces, file).toEqual(router.dataplane.config.interfaces);
      expect(
        again.routes.map((r) => r.params),
        file,
      ).toEqual(router.dataplane.config.routes.filter((r) => !r.dynamic).map((r) => r.params));
    }
  });

  it("pcc-3wan-v7 (RouterOS 7 /export with [ find ] selectors and interface lists): per-connection PCC splits in thirds; failover moves isp1", () => {
    const router = testRouter({ file: "pcc-3wan-v7.rsc", version: "7.19" });
    expect([...router.dataplane.interfaces.keys()]).toEqual(
      expect.arrayContaining(["bridge", "ether1-isp1", "ether2-isp2", "ether3-isp3"]),
    );
    expect(router.identity).toBe("gw-pcc3");
    const perClient = new Map<number, Set<string>>();
    for (let c = 0; c < 200; c++) {
      for (const dst of DESTINATIONS) {
        const conn = open(router, host("192.168.88.10", c), 443, dst);
        (perClient.get(c) ?? perClient.set(c, new Set()).get(c)!).add(conn.outInterface);
      }
    }
    const split = groundTruth(router).newConnections.byInterface;
    for (const wan of ["ether1-isp1", "ether2-isp2", "ether3-isp3"]) {
      expect(split[wan]).toBeGreaterThan(1000 * 0.27);
      expect(split[wan]).toBeLessThan(1000 * 0.4);
    }
    // both-addresses-and-ports hashes each connection: clients are not kept on one WAN
    expect([...perClient.values()].filter((wans) => wans.size > 1).length).toBeGreaterThan(100);
    expect(groundTruth(router).load.ignored.map((i) => i.construct)).toEqual([
      "/system clock set",
      "/system note set",
      "/tool mac-server set",
      "/tool mac-server mac-winbox set",
    ]);
    // the fibre's gateway stops answering: its table falls back to main, whose best is now isp2
    router.dataplane.setUpstream("10.111.0.1", false);
    router.clock.advance(25_000);
    router.dataplane.newStats = { total: 0, byMark: {}, byInterface: {}, unroutable: 0, dropped: 0 };
    for (let c = 0; c < 100; c++) open(router, host("192.168.88.10", c));
    expect(groundTruth(router).newConnections.byInterface["ether1-isp1"]).toBeUndefined();
    expect(groundTruth(router).newConnections.byInterface["ether2-isp2"]).toBeGreaterThan(50);
  });

  it("pcc-4wan (both-addresses): quarters, sticky per client and destination, a pinned client, a range list, a disabled rule", () => {
    const router = testRouter({ file: "pcc-4wan.rsc" });
    const seen = new Map<string, Set<string>>();
    for (let round = 0; round < 3; round++) {
      for (let c = 0; c < 200; c++) {
        for (const dst of DESTINATIONS) {
          const conn = open(router, host("192.168.10.30", c), 443, dst);
          const key = `${c}>${dst}`;
          (seen.get(key) ?? seen.set(key, new Set()).get(key)!).add(conn.outInterface);
        }
      }
    }
    for (const wans of seen.values()) expect(wans.size).toBe(1);
    const split = groundTruth(router).newConnections.byInterface;
    for (const wan of ["wan1", "wan2", "wan3", "wan4"]) expect(split[wan]).toBeGreaterThan(3000 * 0.18);
    for (let i = 0; i < 20; i++) expect(open(router, "192.168.10.20", 443, DESTINATIONS[i % 5]).outInterface).toBe("wan1");
    // a destination in the uplinks range is accepted before the classifiers: unmarked, main table (wan1)
    const local = open(router, "192.168.10.40", 80, "10.113.0.77");
    expect([local.mark, local.outInterface]).toEqual(["", "wan1"]);
    const entries = router.menu("/ip/firewall/address-list")!.print({ stats: false, detail: false });
    expect(entries.find((e) => e.list === "uplinks")).toMatchObject({ address: "10.111.0.0-10.114.0.255" });
    expect(groundTruth(router).firewall.mangle.at(-1)).toMatchObject({ disabled: true, packets: 0 });
    expect(router.sessions.settings("api").maxSessions).toBe(50);
  });

  it("failover-netwatch: a DHCP-client WAN with distance 2 takes over when the fibre's link goes down, and back", () => {
    const router = testRouter({ file: "failover-netwatch.rsc", version: "7.19" });
    const routes = groundTruth(router).routes.filter((r) => r.dst === "0.0.0.0/0");
    expect(routes).toMatchObject([
      { gateway: "10.111.0.1", distance: 1, active: true },
      { gateway: "100.64.1.1", distance: 2, active: false, via: "ether2-lte" },
    ]);
    expect(open(router, "192.168.50.10").outInterface).toBe("ether1-fibre");
    router.dataplane.setLink("ether1-fibre", false);
    expect(open(router, "192.168.50.10").outInterface).toBe("ether2-lte");
    expect(open(router, "192.168.50.11").natAddress).toBe(parseIp("100.64.1.2"));
    router.dataplane.setLink("ether1-fibre", true);
    expect(open(router, "192.168.50.10").outInterface).toBe("ether1-fibre");
    expect(router.dataplane.config.netwatch.map((n) => n.name)).toEqual(["fibre-gw", "quad9", "status-page"]);
    expect(router.exportConfig()).not.toContain("100.64.1"); // what the DHCP client got is not configuration
  });

  it("pinned-clients: a rule before the classifiers keeps pinned clients on wlan1 and out of odd/even; the rest split 50/25/25", () => {
    const router = testRouter({ file: "pinned-clients.rsc" });
    const base = parseIp("192.168.0.0")!;
    for (let round = 0; round < 5; round++) {
      for (const pinned of ["192.168.0.50", "192.168.0.61", "192.168.0.63"]) expect(open(router, pinned).outInterface).toBe("wlan1");
    }
    for (let i = 0; i < 4000; i++) open(router, base + 0x10000 + i);
    const truth = groundTruth(router);
    const listed = [...(truth.lists.odd ?? []), ...(truth.lists.even ?? [])];
    expect(listed).not.toContain("192.168.0.50");
    expect(truth.lists["pinned-wlan1"]).toEqual(["192.168.0.50", "192.168.0.60/30"]);
    expect(truth.newConnections.byMark).toMatchObject({ pinned: 15, odd: 2000, even: 1000, "": 1000 });
  });

  it("the seed's text is the fixture's", () => {
    expect(exportText("seed-nth.rsc")).toContain("add chain=prerouting in-interface=Local connection-state=new nth=2,1 \\");
  });
});
