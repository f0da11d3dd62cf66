import { RouterOSAPI } from "node-routeros";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startControlServer, type ControlServer } from "../../../sim/control/http-control";
import { Fleet } from "../../../sim/fleet";

// A small fleet read over real TCP by node-routeros (6.49 personalities: node-routeros 1.6.9 crashes on !empty).
let fleet: Fleet;
let control: ControlServer;

beforeAll(async () => {
  fleet = await Fleet.start({
    seed: 5,
    routers: [
      { name: "gw-a", version: "6.49", clients: 80, mix: { browser: 1 }, listVisibilityDelayMs: 30 },
      { name: "gw-b", version: "6.49", clients: 40, listVisibilityDelayMs: 0 },
    ],
    serve: { basePort: 0 },
  });
  fleet.advance(10 * 60_000);
  control = await startControlServer({ fleet, port: 0 });
});

afterAll(async () => {
  await control?.close();
  await fleet?.close();
});

function client(name: string): RouterOSAPI {
  const r = fleet.get(name);
  return new RouterOSAPI({ host: "127.0.0.1", port: r.apiPort!, user: r.user, password: r.password, timeout: 5 });
}

describe("simulated routers over the RouterOS API", () => {
  it("answer what the ground truth says: connections per mark, list memberships, routes", async () => {
    const api = client("gw-a");
    await api.connect();
    try {
      const truth = fleet.truth("gw-a");
      const [resource] = await api.write("/system/resource/print");
      expect(resource!.version).toBe("6.49.10 (long-term)");
      const odd = await api.write(["/ip/firewall/connection/print", "=count-only=", "?connection-mark=odd"]);
      const total = await api.write(["/ip/firewall/connection/print", "=count-only="]);
      expect(odd).toEqual([{ ret: String(truth.connections.byMark.odd ?? 0) }]);
      expect(total).toEqual([{ ret: String(truth.connections.total) }]);
      const rows = await api.write(["/ip/firewall/connection/print", "?connection-mark=odd", "=.proplist=.id"]);
      expect(rows.length).toBe(truth.connections.byMark.odd ?? 0);
      const even = await api.write(["/ip/firewall/address-list/print", "?list=even", "=.proplist=address,timeout,dynamic"]);
      expect(even.map((r) => r.address).sort()).toEqual([...(truth.lists.even ?? [])].sort());
      expect(even[0]).toMatchObject({ dynamic: "true" });
      const routes = await api.write(["/ip/route/print", "?dst-address=0.0.0.0/0"]);
      expect(routes.map((r) => r["routing-mark"] ?? "main")).toEqual(["odd", "even", "main"]);
      expect(truth.multiListed.length).toBeGreaterThan(0);
    } finally {
      await api.close();
    }
  });

  it("add and remove address-list entries, with RouterOS's duplicate error", async () => {
    const api = client("gw-b");
    await api.connect();
    try {
      const added = await api.write(["/ip/firewall/address-list/add", "=list=odd", "=address=192.168.9.9"]);
      const id = (added[0] as { ret?: string } | undefined)?.ret;
      expect(fleet.truth("gw-b").lists.odd).toContain("192.168.9.9");
      await expect(api.write(["/ip/firewall/address-list/add", "=list=odd", "=address=192.168.9.9"])).rejects.toThrow(
        /already have such entry/,
      );
      expect(id).toMatch(/^\*[0-9A-F]+$/);
      await api.write(["/ip/firewall/address-list/remove", `=.id=${id}`]);
      expect(fleet.truth("gw-b").lists.odd ?? []).not.toContain("192.168.9.9");
    } finally {
      await api.close();
    }
  });

  it("takes faults through the HTTP control interface: a WAN down moves traffic, a reboot clears lists", async () => {
    const post = (name: string, body: unknown) =>
      fetch(`http://127.0.0.1:${control.port}/routers/${name}/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const before = fleet.truth("gw-b").newConnections.byInterface.wlan2 ?? 0;
    const down = await post("gw-b", { gateway: { wan: "wlan2", state: "down" } });
    expect(down.status).toBe(200);
    fleet.advance(5 * 60_000);
    const truth = fleet.truth("gw-b");
    expect(truth.newConnections.byInterface.wlan2 ?? 0).toBe(before);
    expect(truth.routes.find((r) => r.table === "odd")!.active).toBe(false);
    expect((await post("gw-b", { gateway: { wan: "nowhere", state: "down" } })).status).toBe(400);
    expect((await post("gw-b", { colour: "red" })).status).toBe(400);
    expect((await post("gw-b", { reboot: true })).status).toBe(200);
    const after = (await (await fetch(`http://127.0.0.1:${control.port}/routers/gw-b`)).json()) as {
      lists: Record<string, string[]>;
      uptimeMs: number;
    };
    expect(after.lists).toEqual({});
    expect(after.uptimeMs).toBe(0);
  });
});
