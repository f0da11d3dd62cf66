// API sessions as a router counts and limits them: open connections and logins per service (api,
// api-ssl) in the ground truth and on the control endpoint, and /ip service max-sessions refusing the
// connection past the limit, set from the export, the fleet file or the API.

import { RouterOSAPI } from "node-routeros";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startControlServer, type ControlServer } from "@/sim/control/http-control";
import { defaultExport, Fleet } from "@/sim/fleet";
import type { SessionCounts } from "@/sim/protocol/session-ledger";
import { rawConnect, rawLogin, type RawClient } from "../sim-protocol/raw-client";

let fleet: Fleet;
let control: ControlServer;
const clients: RawClient[] = [];
const apis: RouterOSAPI[] = [];

const limited = `${defaultExport("7.19").script}\n/ip service\nset api max-sessions=3\nset telnet disabled=yes\n`;
const disabled = `${defaultExport("6.49").script}\n/ip service\nset api disabled=yes\n`;

beforeAll(async () => {
  fleet = await Fleet.start({
    seed: 3,
    routers: [
      { name: "plain", version: "6.49", clients: 0, listVisibilityDelayMs: 0 },
      { name: "limited", version: "7.19", clients: 0, listVisibilityDelayMs: 0, script: limited },
      { name: "override", version: "7.19", clients: 0, listVisibilityDelayMs: 0, script: limited, services: { api: { maxSessions: 1 } } },
      { name: "no-api", version: "6.49", clients: 0, listVisibilityDelayMs: 0, script: disabled },
    ],
    serve: { basePort: 0 },
  });
  control = await startControlServer({ fleet, port: 0 });
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(apis.splice(0).map((api) => api.close().catch(() => undefined)));
  await until(() => fleet.routers.every((r) => r.router.sessions.counts().open === 0), "every session closed");
});
afterAll(async () => {
  await control?.close();
  await fleet?.close();
});

const sessions = (name: string): SessionCounts => fleet.truth(name).sessions;

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function raw(name: string, login: boolean): Promise<RawClient> {
  const r = fleet.get(name);
  const client = login ? await rawLogin(r.apiPort!, r.user, r.password) : await rawConnect(r.apiPort!);
  clients.push(client);
  return client;
}

async function nodeRouteros(name: string, tls = false): Promise<RouterOSAPI> {
  const r = fleet.get(name);
  const api = new RouterOSAPI({
    host: "127.0.0.1",
    port: tls ? r.apiSslPort! : r.apiPort!,
    user: r.user,
    password: r.password,
    timeout: 5,
    ...(tls ? { tls: { ca: r.server!.certificatePem, servername: "localhost" } as never } : {}),
  });
  apis.push(api);
  await api.connect();
  return api;
}

describe("session counts", () => {
  it("counts open connections, logged-in sessions, logins and logouts per service", async () => {
    const before = sessions("plain");
    const anonymous = await raw("plain", false);
    const poller = await raw("plain", true);
    const secure = await nodeRouteros("plain", true);
    await until(() => sessions("plain").open === 3, "three open connections");
    const during = sessions("plain");
    expect(during.byService.api).toMatchObject({ open: 2, loggedIn: 1, maxSessions: 20, disabled: false });
    expect(during.byService["api-ssl"]).toMatchObject({ open: 1, loggedIn: 1 });
    expect(during.loggedIn).toBe(2);
    expect(during.loginsTotal - before.loginsTotal).toBe(2);

    poller.send(["/quit"]);
    await poller.closed;
    await secure.close();
    anonymous.close();
    await until(() => sessions("plain").open === 0, "all closed");
    const after = sessions("plain");
    expect(after.loggedIn).toBe(0);
    expect(after.logoutsTotal - before.logoutsTotal).toBe(2);
    expect(after.byService["api-ssl"].logoutsTotal - before.byService["api-ssl"].logoutsTotal).toBe(1);
    expect(fleet.truth("plain").logins).toBe(after.loginsTotal);
  });

  it("serves the counts on the control endpoint", async () => {
    await raw("plain", true);
    await until(() => sessions("plain").loggedIn === 1, "one login");
    const response = await fetch(`http://127.0.0.1:${control.port}/routers/plain/sessions`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as SessionCounts;
    expect(body).toMatchObject({ open: 1, loggedIn: 1, byService: { api: { open: 1, loggedIn: 1 }, "api-ssl": { open: 0 } } });
    expect((await fetch(`http://127.0.0.1:${control.port}/routers/nobody/sessions`)).status).toBe(404);
  });
});

describe("max-sessions", () => {
  it("closes the connection past the export's limit at once, counts connections not logins, and frees a slot on close", async () => {
    const held = [await raw("limited", true), await raw("limited", true), await raw("limited", false)];
    await until(() => sessions("limited").byService.api.open === 3, "three slots taken");
    const refused = await raw("limited", false);
    await refused.closed;
    await expect(refused.read(1, 100)).rejects.toThrow("connection closed");
    expect(sessions("limited").byService.api).toMatchObject({ open: 3, refusedTotal: 1, maxSessions: 3 });
    // the sessions that hold the slots are untouched
    held[0]!.send(["/system/identity/print"]);
    expect((await held[0]!.untilDone()).at(-1)).toEqual(["!done"]);
    // api-ssl has its own limit
    await nodeRouteros("limited", true);
    held[2]!.close();
    await until(() => sessions("limited").byService.api.open === 2, "a slot freed");
    const next = await raw("limited", true);
    next.send(["/system/identity/print"]);
    expect((await next.untilDone()).at(-1)).toEqual(["!done"]);
  });

  it("makes node-routeros's connect fail instead of hang", async () => {
    await nodeRouteros("override");
    await expect(nodeRouteros("override")).rejects.toThrow();
    expect(sessions("override").byService.api).toMatchObject({ open: 1, maxSessions: 1, refusedTotal: 1 });
  });

  it("is shown and set over the API (v7 prints max-sessions), with RouterOS's range check", async () => {
    const api = await nodeRouteros("limited");
    const rows = await api.write("/ip/service/print");
    expect(rows.find((r) => r.name === "api")).toMatchObject({ port: "8728", "max-sessions": "3", disabled: "false" });
    expect(rows.find((r) => r.name === "telnet")).toMatchObject({ disabled: "true" });
    await expect(api.write("/ip/service/set", ["=numbers=api", "=max-sessions=0"])).rejects.toThrow(
      "value of max-sessions out of range (1..1000)",
    );
    await api.write("/ip/service/set", ["=numbers=api", "=max-sessions=1"]);
    expect(sessions("limited").byService.api.maxSessions).toBe(1);
    const refused = await raw("limited", false);
    await refused.closed;
    await api.write("/ip/service/set", ["=numbers=api", "=max-sessions=3"]);
  });

  it("a disabled api service resets every connection", async () => {
    const r = fleet.get("no-api");
    const client = await rawConnect(r.apiPort!).catch((error: Error) => error);
    if (!(client instanceof Error)) {
      clients.push(client);
      await client.closed;
    }
    expect(sessions("no-api").byService.api).toMatchObject({ open: 0, disabled: true, refusedTotal: 1 });
    await nodeRouteros("no-api", true); // api-ssl stays up
  });
});
