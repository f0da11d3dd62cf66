// What a product needs to tell clients and uplinks apart, as RouterOS shows it: DHCP leases of the
// simulated clients (untrusted host names included), netwatch probes that follow gateway faults, the
// failover history of route selection with its times, and interface bytes per day.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportText } from "@/sim/testing/test-router";
import { Fleet } from "@/sim/fleet";
import { rawLogin, type RawClient } from "../sim-protocol/raw-client";

let fleet: Fleet;
const clients: RawClient[] = [];
const EPOCH = Date.UTC(2025, 2, 10, 23, 0, 0); // an hour before midnight UTC

beforeAll(async () => {
  fleet = await Fleet.start({
    seed: 9,
    epochMs: EPOCH,
    routers: [
      { name: "lan6", version: "6.49", clients: 120, listVisibilityDelayMs: 0 },
      { name: "lan7", version: "7.19", clients: 40, listVisibilityDelayMs: 0 },
      { name: "pcc", version: "6.49", clients: 0, listVisibilityDelayMs: 0, script: exportText("pcc-3wan.rsc") },
    ],
    serve: { basePort: 0 },
  });
});
afterAll(async () => {
  for (const client of clients) client.close();
  await fleet?.close();
});

async function login(name: string): Promise<RawClient> {
  const r = fleet.get(name);
  const client = await rawLogin(r.apiPort!, r.user, r.password);
  clients.push(client);
  return client;
}

const attrs = (sentence: string[]): Record<string, string> =>
  Object.fromEntries(sentence.filter((w) => w.startsWith("=")).map((w) => [w.slice(1, w.indexOf("=", 1)), w.slice(w.indexOf("=", 1) + 1)]));

describe("DHCP leases", () => {
  it("every simulated client has a lease: MACs, client-ids, duplicated and hostile host names, static ones with comments", async () => {
    const leases = fleet.truth("lan6").leases;
    expect(leases).toHaveLength(120);
    const names = leases.map((l) => l.hostName);
    expect(names.filter((n) => n === "iPhone").length).toBeGreaterThan(1);
    expect(names.some((n) => n === null)).toBe(true);
    expect(names.some((n) => n?.includes("<script>"))).toBe(true);
    expect(names.some((n) => n?.includes('"'))).toBe(true);
    expect(names.some((n) => n?.includes("\u00e2\u0080\u00ae"))).toBe(true); // U+202E as UTF-8 bytes
    expect(names.some((n) => n?.length === 255)).toBe(true);
    expect(leases.every((l) => /^([0-9A-F]{2}:){5}[0-9A-F]{2}$/.test(l.macAddress))).toBe(true);
    expect(leases.filter((l) => l.clientId !== null).every((l) => l.clientId === `1:${l.macAddress.toLowerCase()}`)).toBe(true);
    const fixed = leases.filter((l) => !l.dynamic);
    expect(fixed.length).toBeGreaterThan(3);
    expect(fixed.every((l) => l.comment !== null)).toBe(true);
    expect(leases.every((l) => l.status === "bound" && l.server === "lan-dhcp")).toBe(true);
  });

  it("are printed over the API byte for byte, and a listen sees make-static", async () => {
    const truth = fleet.truth("lan6").leases;
    const api = await login("lan6");
    api.send(["/ip/dhcp-server/lease/print", ".tag=p"]);
    const rows = (await api.untilDone("p")).filter((s) => s[0] === "!re").map(attrs);
    expect(rows.map((r) => r["host-name"] ?? null)).toEqual(truth.map((l) => l.hostName));
    expect(rows[0]).toMatchObject({ address: truth[0]!.address, "mac-address": truth[0]!.macAddress, status: "bound", server: "lan-dhcp" });
    expect(rows[0]!["expires-after"]).toMatch(/^\d+m(\d+s)?$|^\d+s$/);
    const dynamic = rows.find((r) => r.dynamic === "true")!;
    api.send(["/ip/dhcp-server/lease/listen", ".tag=l"]);
    api.send(["/system/identity/print", ".tag=s"]);
    await api.untilDone("s");
    api.send(["/ip/dhcp-server/lease/make-static", `=numbers=${dynamic[".id"]}`, ".tag=m"]);
    const seen: string[][] = [];
    while (!seen.some((s) => s.includes(".tag=l"))) seen.push(...(await api.read(1)));
    expect(attrs(seen.find((s) => s.includes(".tag=l"))!)).toMatchObject({ ".id": dynamic[".id"], dynamic: "false" });
  });
});

describe("netwatch", () => {
  it("v7 probes go down at the next probe after their gateway stops answering, with since, loss and RTT, and come back", async () => {
    fleet.advance(15_000);
    const before = fleet.truth("lan7").netwatch;
    expect(before).toMatchObject([
      { name: "gw-wlan2", type: "icmp", host: "10.111.0.1", status: "up", lossPercent: 0, via: "wlan2" },
      { name: "gw-wlan1", type: "icmp", host: "10.112.0.1", status: "up", lossPercent: 0, via: "wlan1" },
    ]);
    expect(before[0]!.rttAvgMs).toBeGreaterThan(4);
    const faultAt = EPOCH + fleet.clock.now();
    fleet.fault("lan7", { gateway: { wan: "10.111.0.1", state: "down", mode: "upstream" } });
    fleet.advance(10_000);
    const down = fleet.truth("lan7").netwatch;
    expect(down[0]).toMatchObject({ status: "down", lossPercent: 100, rttAvgMs: null });
    expect(Date.parse(down[0]!.since!)).toBeGreaterThanOrEqual(faultAt);
    expect(Date.parse(down[0]!.since!)).toBeLessThanOrEqual(faultAt + 10_000);
    expect(down[1]).toMatchObject({ status: "up" });
    const api = await login("lan7");
    api.send(["/tool/netwatch/print", "?name=gw-wlan2"]);
    expect(attrs((await api.untilDone())[0]!)).toMatchObject({ status: "down", "loss-percent": "100%", "done-tests": expect.any(String) });
    fleet.fault("lan7", { gateway: { wan: "10.111.0.1", state: "up", mode: "upstream" } });
    fleet.advance(10_000);
    expect(fleet.truth("lan7").netwatch[0]).toMatchObject({ status: "up" });
  });

  it("v6 shows host, interval, status and since", async () => {
    const api = await login("lan6");
    api.send(["/tool/netwatch/print"]);
    const [first] = (await api.untilDone()).map(attrs);
    expect(first).toMatchObject({ host: "10.111.0.1", interval: "10s", status: "up", comment: "gw-wlan2" });
    expect(first!.since).toMatch(/^[a-z]{3}\/\d\d\/\d{4} \d\d:\d\d:\d\d$/);
  });
});

describe("failover history and usage", () => {
  it("records each change of the serving route with its time and reason: check-gateway down, then back", () => {
    const startMs = fleet.clock.now();
    fleet.fault("pcc", { gateway: { wan: "10.111.0.1", state: "down", mode: "upstream" } });
    fleet.advance(30_000);
    fleet.fault("pcc", { gateway: { wan: "10.111.0.1", state: "up", mode: "upstream" } });
    const events = fleet.truth("pcc").failovers.filter((e) => e.atMs >= startMs);
    expect(events).toHaveLength(4);
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          table: "wan1",
          dst: "0.0.0.0/0",
          from: "10.111.0.1",
          to: null,
          reason: "check-gateway",
          atMs: startMs + 20_000,
        }),
        expect.objectContaining({ table: "main", from: "10.111.0.1", to: "10.112.0.1", toVia: "wan2", reason: "check-gateway" }),
        expect.objectContaining({ table: "wan1", from: null, to: "10.111.0.1", reason: "gateway-answers", atMs: startMs + 30_000 }),
        expect.objectContaining({ table: "main", from: "10.112.0.1", to: "10.111.0.1", reason: "gateway-answers" }),
      ]),
    );
    expect(events[0]!.at).toBe(new Date(EPOCH + startMs + 20_000).toISOString());
  });

  it("splits interface bytes by UTC day across midnight and a reboot; the days add up to what the counters saw", () => {
    const r = fleet.get("lan6").router;
    const wan = (name: string) => r.dataplane.interfaces.get(name)!;
    fleet.advance(3_600_000 + 600_000); // past midnight
    const beforeReboot = { wlan1: wan("wlan1").rxByte, wlan2: wan("wlan2").rxByte };
    fleet.fault("lan6", { reboot: true });
    fleet.advance(600_000);
    const usage = fleet.truth("lan6").usage;
    expect(Object.keys(usage).sort()).toEqual(["2025-03-10", "2025-03-11"]);
    for (const name of ["wlan1", "wlan2"] as const) {
      const total = usage["2025-03-10"]![name]!.rxByte + usage["2025-03-11"]![name]!.rxByte;
      expect(total).toBe(beforeReboot[name] + wan(name).rxByte);
      expect(usage["2025-03-10"]![name]!.rxByte).toBeGreaterThan(0);
    }
  });
});
