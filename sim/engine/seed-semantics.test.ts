import { describe, expect, it } from "vitest";
import { groundTruth } from "../model/ground-truth";
import { parseIp } from "./ip";
import { open, testRouter } from "../testing/test-router";

const base = parseIp("192.168.0.0")!;

describe("the seed's nth recipe", () => {
  it("splits new connections of unlisted clients 50/25/25 (odd/even/unmarked)", () => {
    const router = testRouter();
    for (let i = 0; i < 10_000; i++) open(router, base + 0x10000 + i); // 10,000 distinct, unlisted clients
    const split = router.dataplane.newStats.byMark;
    expect(split.odd).toBe(5000);
    expect(split.even).toBe(2500);
    expect(split[""]).toBe(2500);
    const truth = groundTruth(router);
    expect(truth.lists.odd).toHaveLength(5000);
    expect(truth.lists.even).toHaveLength(2500);
    // unmarked connections go by the main table (wlan1), odd ones by the odd route (wlan2)
    expect(truth.newConnections.byInterface).toEqual({ wlan2: 5000, wlan1: 5000 });
    // the nth rules count only the packets that reach them: 10,000 and 5,000
    expect(truth.rules[4]!.packets).toBe(5000);
    expect(truth.rules[7]!.packets).toBe(2500);
  });

  it("keeps a listed client's later connections on its list's mark and counts its established packets", () => {
    const router = testRouter();
    const first = open(router, "192.168.0.10");
    expect(first.mark).toBe("odd");
    for (let i = 0; i < 5; i++) expect(open(router, "192.168.0.10").mark).toBe("odd");
    router.dataplane.transfer(first, { upBytes: 10_000, upPackets: 10, downBytes: 140_000, downPackets: 100 }, "Local", 1000);
    const rules = groundTruth(router).rules;
    expect(rules[0]!.packets).toBe(5 + 10); // src-address-list=odd: 5 new + 10 established uploads
    expect(rules[1]!.packets).toBe(15);
    const local = router.dataplane.interfaces.get("Local")!;
    const wlan2 = router.dataplane.interfaces.get("wlan2")!;
    expect(local.rxByte).toBe(6 * 60 + 10_000);
    expect(wlan2.txByte).toBe(6 * 60 + 10_000);
    expect(wlan2.rxByte).toBe(6 * 60 + 140_000);
    expect(local.txByte).toBe(wlan2.rxByte);
  });

  it("never dual-lists a client when new entries are visible at once", () => {
    const router = testRouter({ delayMs: 0 });
    for (let round = 0; round < 20; round++) {
      for (let c = 0; c < 50; c++) for (let k = 0; k < 6; k++) open(router, base + 2 + c);
      router.clock.advance(5);
    }
    expect(groundTruth(router).multiListed).toEqual([]);
  });

  it("dual-lists clients whose parallel connections race a delayed list update", () => {
    const router = testRouter({ delayMs: 30 });
    for (let c = 0; c < 50; c++) {
      for (let k = 0; k < 6; k++) {
        open(router, base + 2 + c);
        router.clock.advance(3); // a browser burst: 6 connections 3 ms apart
      }
    }
    const truth = groundTruth(router);
    expect(truth.multiListed.length).toBeGreaterThan(5);
    // once both entries are visible the odd rules come first and win
    router.clock.advance(100);
    const dual = truth.multiListed[0]!.address;
    expect(open(router, dual).mark).toBe("odd");
  });
});

describe("the seed's suggested fix (src-address-list=!odd / !even on the nth rules)", () => {
  it("changes nothing RouterOS would show: listed clients never reach the nth rules, racing ones are not yet listed", () => {
    const run = (file: string) => {
      const router = testRouter({ file, delayMs: 30 });
      for (let c = 0; c < 60; c++) {
        for (let k = 0; k < 6; k++) {
          open(router, base + 2 + c);
          router.clock.advance(3);
        }
      }
      for (let i = 0; i < 4000; i++) open(router, base + 0x10000 + i);
      const t = groundTruth(router);
      return { split: t.newConnections.byMark, dual: t.multiListed.length };
    };
    const seed = run("seed-nth.rsc");
    const fixed = run("seed-nth-fixed.rsc");
    expect(fixed).toEqual(seed);
    expect(fixed.dual).toBeGreaterThan(0);
  });
});

describe("PCC over three WANs", () => {
  it("spreads clients in thirds and keeps each client on one WAN", () => {
    const router = testRouter({ file: "pcc-3wan.rsc" });
    const perClient = new Map<number, Set<string>>();
    for (let round = 0; round < 10; round++) {
      for (let c = 0; c < 600; c++) {
        const conn = open(router, base + 0x100 + c);
        (perClient.get(c) ?? perClient.set(c, new Set()).get(c)!).add(conn.mark);
      }
    }
    for (const marks of perClient.values()) expect(marks.size).toBe(1);
    const counts = { wan1: 0, wan2: 0, wan3: 0 } as Record<string, number>;
    for (const marks of perClient.values()) counts[[...marks][0]!]!++;
    for (const n of Object.values(counts)) {
      expect(n).toBeGreaterThan(160);
      expect(n).toBeLessThan(240);
    }
    expect(groundTruth(router).newConnections.byInterface).toEqual({
      wan1: counts.wan1! * 10,
      wan2: counts.wan2! * 10,
      wan3: counts.wan3! * 10,
    });
  });
});

describe("routing and faults", () => {
  it("moves odd traffic to the main table's route when wlan2 goes down, and back when it returns", () => {
    const router = testRouter();
    expect(open(router, "192.168.0.10").outInterface).toBe("wlan2");
    router.dataplane.setLink("wlan2", false);
    const truth = groundTruth(router);
    expect(truth.routes.find((r) => r.table === "odd")).toMatchObject({ active: false, reachable: false });
    const moved = open(router, "192.168.0.10");
    expect(moved.mark).toBe("odd");
    expect(moved.outInterface).toBe("wlan1");
    expect(router.dataplane.interfaces.get("wlan2")!.linkDowns).toBe(1);
    router.dataplane.setLink("wlan2", true);
    expect(open(router, "192.168.0.10").outInterface).toBe("wlan2");
  });

  it("takes check-gateway=ping routes inactive only after missed pings when the upstream dies", () => {
    const router = testRouter({ file: "pcc-3wan.rsc" });
    router.dataplane.setUpstream("10.111.0.1", false);
    expect(groundTruth(router).routes[0]!.active).toBe(true);
    router.clock.advance(20_000);
    expect(groundTruth(router).routes[0]!.active).toBe(false);
  });

  it("clears dynamic entries, connections and counters on reboot, keeping static entries", () => {
    const router = testRouter();
    router.menu("/ip/firewall/address-list")!.add!({ list: "odd", address: "192.168.0.200" });
    for (let i = 0; i < 100; i++) open(router, base + 2 + i);
    router.clock.advance(60_000);
    expect(router.dataplane.conns.size).toBe(100);
    router.reboot();
    const truth = groundTruth(router);
    expect(truth.lists).toEqual({ odd: ["192.168.0.200"] });
    expect(truth.connections.total).toBe(0);
    expect(truth.uptimeMs).toBe(0);
    expect(truth.rules.every((r) => r.packets === 0)).toBe(true);
    expect(truth.interfaces.Local!.rxByte).toBe(0);
  });
});
