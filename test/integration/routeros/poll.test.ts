import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Fleet } from "@/sim/fleet";
import { countersById, discoverRouter, pollRouter, type BalancingSetup, type PollSnapshot, type RouterSession } from "@/lib/routeros";
import {
  counterDelta,
  detectReboot,
  diffMemberships,
  dualListedAddresses,
  listReadFromEntries,
  newConnectionSplit,
  type MembershipState,
} from "@/lib/metrics";
import { EPOCH, sessionFor, simExport, startFleet } from "./helpers";

// Discovery and polls against the simulator, compared with its ground truth (time is frozen between
// a poll and the truth read: the simulated clock only moves on fleet.advance()).

let fleet: Fleet;
const sessions = new Map<string, RouterSession>();

beforeAll(async () => {
  fleet = await startFleet([
    { name: "seed6", version: "6.49", clients: 60 },
    { name: "seed7", version: "7.19", clients: 60 },
    { name: "pcc3", version: "6.49", clients: 60, script: simExport("pcc-3wan.rsc"), scriptSource: "sim/exports/pcc-3wan.rsc" },
  ]);
  fleet.advance(120_000);
  for (const r of fleet.routers) sessions.set(r.name, sessionFor(r));
});

afterAll(async () => {
  await Promise.all([...sessions.values()].map((s) => s.close()));
  await fleet?.close();
});

const session = (name: string): RouterSession => sessions.get(name)!;
const sorted = (values: Iterable<string>): string[] => [...values].sort();

function expectSnapshotMatchesTruth(name: string, setup: BalancingSetup, snap: PollSnapshot): void {
  const truth = fleet.truth(name);
  expect(snap.issues).toEqual([]);
  expect(snap.resource.uptimeSeconds).toBe(Math.floor(truth.uptimeMs / 1000));
  expect(snap.identity).toEqual({ name });
  // Lists and dual-listed clients.
  for (const wan of setup.wans) {
    const read = snap.addressLists.find((l) => l.list === wan.addressList);
    expect(sorted(read?.entries.map((e) => e.address) ?? []), `list ${wan.addressList}`).toEqual(
      sorted(truth.lists[wan.addressList ?? ""] ?? []),
    );
  }
  const { state } = diffMemberships({ prev: new Map(), read: listReadFromEntries(snap.addressLists), now: EPOCH });
  expect(sorted(dualListedAddresses(state))).toEqual(sorted(truth.multiListed.map((m) => m.address)));
  // Connections per mark, total and unmarked.
  expect(snap.connections?.total).toBe(truth.connections.total);
  for (const { mark, count } of snap.connections?.byMark ?? []) expect(count, `mark ${mark}`).toBe(truth.connections.byMark[mark] ?? 0);
  expect(snap.connections?.unmarked).toBe(truth.connections.byMark[""] ?? 0);
  // Default routes, keyed by table + dst + gateway + distance.
  const truthRoutes = truth.routes
    .filter((r) => r.dst === "0.0.0.0/0")
    .map((r) => [`${r.table}|${r.dst}|${r.gateway}|${r.distance}`, r.active]);
  expect(snap.routes?.map((r) => [r.key, r.active]).sort()).toEqual(truthRoutes.sort());
  // WAN interface counters and classifier rule counters.
  for (const i of snap.interfaces ?? []) {
    expect([i.rxBytes, i.txBytes, i.running], i.name).toEqual([
      truth.interfaces[i.name]?.rxByte,
      truth.interfaces[i.name]?.txByte,
      truth.interfaces[i.name]?.running,
    ]);
  }
  for (const c of setup.classifiers) {
    expect(snap.classifierCounters?.find((k) => k.id === c.ruleId)?.packets, c.ruleId).toBe(truth.rules[c.order]?.packets);
  }
}

describe("discovery", () => {
  it.each(["seed6", "seed7"])("finds the seed's odd/even WANs on %s", async (name) => {
    const { setup } = await discoverRouter({ client: session(name) });
    expect(setup.warnings).toEqual([]);
    expect(setup.classifierKind).toBe("nth");
    expect(
      setup.wans.map((w) => [w.name, w.interface, w.addressList, w.routingMark ?? w.routingTable, w.gateway, w.expectedWeight]),
    ).toEqual([
      ["odd", "wlan2", "odd", "odd", "10.111.0.1", 0.5],
      ["even", "wlan1", "even", "even", "10.112.0.1", 0.25],
    ]);
    expect(setup.routing).toBe(name === "seed7" ? "v7" : "v6");
    expect(setup.mainRoute).toMatchObject({ gateway: "10.112.0.1", interface: "wlan1" });
  });

  it("finds three PCC WANs", async () => {
    const { setup } = await discoverRouter({ client: session("pcc3") });
    expect(setup.warnings).toEqual([]);
    expect(setup.classifierKind).toBe("pcc");
    expect(setup.wans.map((w) => [w.name, w.interface, w.addressList, w.routingMark, w.gateway])).toEqual([
      ["wan1", "wan1", "wan1", "wan1", "10.111.0.1"],
      ["wan2", "wan2", "wan2", "wan2", "10.112.0.1"],
      ["wan3", "wan3", "wan3", "wan3", "10.113.0.1"],
    ]);
    for (const wan of setup.wans) expect(wan.expectedWeight).toBeCloseTo(1 / 3, 10);
  });
});

describe("poll", () => {
  it.each(["seed6", "seed7", "pcc3"])("a poll of %s equals the simulator's ground truth, in few commands", async (name) => {
    const { setup } = await discoverRouter({ client: session(name) });
    const snap = await pollRouter({ session: session(name), setup });
    expectSnapshotMatchesTruth(name, setup, snap);
    // resource, identity, interfaces, tracking, one count per mark, one read per list, routes, mangle counters
    expect(snap.commands).toBe(6 + setup.wans.length * 2);
    expect(snap.bytesRead).toBeGreaterThan(0);
  });

  it.each(["seed6", "pcc3"])("measures the new-connection split on %s from classifier counters", async (name) => {
    const { setup } = await discoverRouter({ client: session(name) });
    const first = await pollRouter({ session: session(name), setup });
    const before = structuredClone(fleet.truth(name).newConnections);
    fleet.advance(60_000);
    const second = await pollRouter({ session: session(name), setup });
    const after = fleet.truth(name).newConnections;
    const split = newConnectionSplit({
      rules: setup.classifiers,
      prev: countersById(first.classifierCounters ?? []),
      curr: countersById(second.classifierCounters ?? []),
    });
    expect(split.kind).toBe("split");
    if (split.kind !== "split") return;
    const unmarkedTruth = (after.byMark[""] ?? 0) - (before.byMark[""] ?? 0);
    // nth derives the total from the first rule's counter: exact up to one group of `every`.
    expect(Math.abs(split.unmarked.count - unmarkedTruth)).toBeLessThanOrEqual(name === "pcc3" ? 0 : 2);
    expect(split.total).toBeGreaterThan(0);
  });

  it("membership changes between polls match the lists, and an unchanged poll yields no events", async () => {
    const name = "seed7";
    const { setup } = await discoverRouter({ client: session(name) });
    const p1 = await pollRouter({ session: session(name), setup });
    const d1 = diffMemberships({ prev: new Map(), read: listReadFromEntries(p1.addressLists), now: 1 });
    expect(d1.events.filter((e) => e.type === "joined").length).toBe(p1.addressLists.reduce((n, l) => n + l.entries.length, 0));
    fleet.advance(90_000);
    const p2 = await pollRouter({ session: session(name), setup });
    const d2 = diffMemberships({ prev: d1.state, read: listReadFromEntries(p2.addressLists), now: 2 });
    const truth = fleet.truth(name);
    const stateLists = (state: MembershipState, list: string) => sorted([...state].filter(([, l]) => l.has(list)).map(([a]) => a));
    for (const list of ["odd", "even"]) expect(stateLists(d2.state, list)).toEqual(sorted(truth.lists[list] ?? []));
    const p3 = await pollRouter({ session: session(name), setup });
    expect(diffMemberships({ prev: d2.state, read: listReadFromEntries(p3.addressLists), now: 3 }).events).toEqual([]);
  });

  it("after a reboot the session reconnects, uptime goes back and counters reset", async () => {
    const name = "seed6";
    const { setup } = await discoverRouter({ client: session(name) });
    const before = await pollRouter({ session: session(name), setup });
    fleet.fault(name, { reboot: true });
    fleet.advance(5_000);
    const after = await pollRouter({ session: session(name), setup });
    const reboot = detectReboot({
      prev: { at: 0, uptimeSeconds: before.resource.uptimeSeconds },
      curr: { at: 5_000, uptimeSeconds: after.resource.uptimeSeconds },
    });
    expect(reboot).toMatchObject({ rebooted: true, reason: "uptime_went_back" });
    const wan = before.interfaces?.[0];
    const wanAfter = after.interfaces?.find((i) => i.name === wan?.name);
    expect(
      counterDelta({
        prev: { at: 0, value: wan?.rxBytes ?? 0 },
        curr: { at: 5_000, value: wanAfter?.rxBytes ?? 0 },
        rebooted: reboot.rebooted,
      }),
    ).toEqual({ kind: "reset", reason: "reboot" });
    expectSnapshotMatchesTruth(name, setup, after);
  });
});
