// The simulator through node-routeros and routeros-client (built on it), as the product talks to it.

import { RouterOSAPI } from "node-routeros";
import { RouterOSClient } from "routeros-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "@/sim/protocol/api-server";
import { createFixtureRouter, type FixtureRouter } from "@/test/factories/sim-router-fixture";
import { waitFor } from "@/test/support/worker-process";

type Servers = { router: FixtureRouter; server: ApiServer };
const started: ApiServer[] = [];

async function serve(options: Parameters<typeof createFixtureRouter>[0]): Promise<Servers> {
  const router = createFixtureRouter(options);
  const server = await startApiServer({ router, port: 0, tlsPort: 0, tlsMode: "certificate" });
  started.push(server);
  return { router, server };
}

let v7: Servers;
let v6: Servers;

beforeAll(async () => {
  v7 = await serve({ version: "7.19.1 (stable)", loginMode: "plain", sendsEmpty: false });
  v6 = await serve({ version: "6.42.12 (long-term)", loginMode: "challenge", sendsEmpty: false });
});
afterAll(async () => {
  await Promise.all(started.map((server) => server.close()));
});

const connect = async (port: number, extra: Record<string, unknown> = {}): Promise<RouterOSAPI> => {
  const api = new RouterOSAPI({ host: "127.0.0.1", port, user: "admin", password: "secret", timeout: 5, ...extra });
  await api.connect();
  return api;
};

describe("node-routeros", () => {
  it("logs in with the 6.43+ form and the pre-6.43 challenge", async () => {
    for (const { server } of [v7, v6]) {
      const api = await connect(server.port);
      const [identity] = await api.write("/system/identity/print");
      expect(identity).toEqual({ name: "gw-test" });
      await api.close();
    }
  });

  it("maps a wrong password to CANTLOGIN on old and new routers", async () => {
    for (const { server } of [v7, v6]) {
      const api = new RouterOSAPI({ host: "127.0.0.1", port: server.port, user: "admin", password: "bad", timeout: 5 });
      await expect(api.connect()).rejects.toMatchObject({ errno: "CANTLOGIN" });
    }
  });

  it("prints with .proplist and queries, counts with count-only", async () => {
    v7.router.fillAddressList(1000);
    const api = await connect(v7.server.port);
    const rows = await api.write("/ip/firewall/address-list/print", ["?list=odd", "?<address=10.0.0.10", "=.proplist=.id,address,timeout"]);
    expect(rows).toHaveLength(5);
    expect(Object.keys(rows[0] as object)).toEqual([".id", "address", "timeout"]);
    const counted = await api.write("/ip/firewall/address-list/print", ["=count-only=", "?list=odd", "?list=even", "?#|"]);
    expect(counted).toEqual([{ ret: "1000" }]);
    await api.close();
  });

  it("adds, traps on a duplicate, removes", async () => {
    v7.router.addressList.load([]);
    const api = await connect(v7.server.port);
    const [added] = await api.write("/ip/firewall/address-list/add", ["=list=odd", "=address=10.9.9.9"]);
    expect(added).toMatchObject({ ret: expect.stringMatching(/^\*[0-9A-F]+$/) });
    await expect(api.write("/ip/firewall/address-list/add", ["=list=odd", "=address=10.9.9.9"])).rejects.toThrow(
      "failure: already have such entry",
    );
    await api.write("/ip/firewall/address-list/remove", [`=.id=${(added as { ret: string }).ret}`]);
    expect(await api.write("/ip/firewall/address-list/print")).toEqual([]);
    await api.close();
  });

  it("runs concurrent tagged commands on one connection", async () => {
    v7.router.fillAddressList(2000);
    const api = await connect(v7.server.port);
    const [odd, identity, count] = await Promise.all([
      api.write("/ip/firewall/address-list/print", ["?list=odd", "=.proplist=address"]),
      api.write("/system/identity/print"),
      api.write("/ip/firewall/address-list/print", ["=count-only="]),
    ]);
    expect(odd).toHaveLength(1000);
    expect(identity).toEqual([{ name: "gw-test" }]);
    expect(count).toEqual([{ ret: "2000" }]);
    await api.close();
  });

  it("streams monitor-traffic and stops it (/cancel)", async () => {
    const api = await connect(v7.server.port);
    const packets: unknown[] = [];
    const stream = api.stream(["/interface/monitor-traffic", "=interface=wlan1"], (error: Error | null, packet: unknown) => {
      if (!error && packet) packets.push(packet);
    });
    // Wait for packets, not for a duration: a busy machine may take longer to send the first two.
    await waitFor(async () => packets.length > 1, { timeoutMs: 20_000, what: "two monitor-traffic packets" });
    await stream.stop();
    const seen = packets.length;
    expect(seen).toBeGreaterThan(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(packets.length).toBe(seen);
    await api.close();
  });

  it("survives its own keep-alive ('#') without losing the session", async () => {
    const api = await connect(v7.server.port, { keepalive: true, timeout: 2 });
    await new Promise((resolve) => setTimeout(resolve, 2600)); // keep-alive fires at timeout/2: twice, past one idle timeout
    expect(await api.write("/system/identity/print")).toEqual([{ name: "gw-test" }]);
    await api.close();
  });

  it("reads a 100,000-row reply", async () => {
    v7.router.fillAddressList(100_000);
    const api = await connect(v7.server.port, { timeout: 30 });
    const rows = await api.write("/ip/firewall/address-list/print", ["=.proplist=.id,address,list"]);
    expect(rows).toHaveLength(100_000);
    expect(rows[99_999]).toEqual({ ".id": "*186A0", address: "10.1.134.159", list: "even" });
    await api.close();
  });

  it("connects over API-SSL pinned to the self-signed certificate", async () => {
    const api = await connect(v7.server.tlsPort as number, { tls: { ca: v7.server.certificatePem, servername: "localhost" } });
    expect(await api.write("/system/identity/print")).toEqual([{ name: "gw-test" }]);
    await api.close();
    expect(v7.router.sessionLog.some((entry) => entry.via === "api-ssl")).toBe(true);
  });
});

describe("routeros-client", () => {
  it("reads, filters, selects, adds and removes through its menu API", async () => {
    v7.router.addressList.load([]);
    const client = new RouterOSClient({ host: "127.0.0.1", port: v7.server.port, user: "admin", password: "secret", timeout: 5 });
    const api = await client.connect();
    const list = api.menu("/ip/firewall/address-list");
    await list.add({ list: "odd", address: "10.2.0.1" });
    await list.add({ list: "even", address: "10.2.0.2" });
    const odd = await api.menu("/ip/firewall/address-list").where("list", "odd").select(["address"]).get();
    expect(odd).toHaveLength(1);
    expect(odd[0]).toMatchObject({ address: "10.2.0.1" });
    expect(odd[0]).not.toHaveProperty("list");
    const all = await api.menu("/ip/firewall/address-list").get();
    expect(all).toHaveLength(2);
    await api.menu("/ip/firewall/address-list").remove((all[0] as { id: string }).id);
    expect(await api.menu("/ip/firewall/address-list").get()).toHaveLength(1);
    await client.close();
  });
});
