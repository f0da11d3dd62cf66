import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { PrismaPg } from "@prisma/adapter-pg";
import { createApiToken } from "../../lib/auth/api-tokens";
import { PrismaClient } from "../../lib/db/generated/client";
import { Fleet } from "../../sim/fleet";
import { addSimRouter } from "../support/poller-harness";
import { startPrometheus } from "../support/prometheus";
import { createTestDatabase, type TestDatabase } from "../support/services";
import { startWorkerProcess, waitFor } from "../support/worker-process";
import { startNextServer } from "./next-server";

// WANscope as operators' own stacks see it, against a simulated fleet polled by a real worker: a real
// Prometheus scrapes /metrics with a metrics token and its PromQL answers equal the simulator's ground
// truth; then a script moves a client through the JSON API with an operator token and reads it back.
// The fleet's clock only moves when the test advances it, so what a poll reads is the truth of now.
test.describe.configure({ mode: "serial" });
test.use({ storageState: { cookies: [], origins: [] } });

const POLL_SEC = 2;
const prefix = `api${randomBytes(2).toString("hex")}`;
const SIMS = ["north", "south"] as const;

let fleet: Fleet | undefined;
let database: TestDatabase | undefined;
let db: PrismaClient | undefined;
let web: Awaited<ReturnType<typeof startNextServer>> | undefined;
let worker: ReturnType<typeof startWorkerProcess> | undefined;
let prom: Awaited<ReturnType<typeof startPrometheus>> | undefined;
const ids = new Map<string, number>();
const tokens = { metrics: "", operator: "", admin: "" };
const routerName = (sim: string) => `${prefix}-${sim}`;

/** The router's poll state counters as stored: what /metrics exports. */
async function storedCounters(sim: string) {
  const row = await db!.routerPollState.findUnique({ where: { routerId: ids.get(sim)! } });
  return row?.counters as { interfaces: Record<string, { rx: number; tx: number }> } | undefined;
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  fleet = await Fleet.start({
    seed: 1515,
    routers: SIMS.map((name) => ({ name, version: "7.19", clients: 40, mix: { browser: 1 }, listVisibilityDelayMs: 0 })),
    serve: { basePort: 0 },
  });
  fleet.advance(120_000); // traffic, connections and list entries to count
  database = await createTestDatabase({ adminUrl: process.env.E2E_DATABASE_URL! });
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 3 }) });
  for (const sim of SIMS) ids.set(sim, await addSimRouter({ db, fleet, name: sim, prefix, pollIntervalSec: POLL_SEC }));
  const by = { id: null, email: "e2e" };
  tokens.metrics = (await createApiToken({ db, input: { name: "prometheus", scope: "metrics" }, by, now: new Date() })).token;
  tokens.operator = (await createApiToken({ db, input: { name: "automation", scope: "operator" }, by, now: new Date() })).token;
  tokens.admin = (await createApiToken({ db, input: { name: "provisioning", scope: "admin" }, by, now: new Date() })).token;
  worker = startWorkerProcess({
    databaseUrl: database.url,
    redisUrl: null,
    // The web server enqueues actions under the run's QUEUE_PREFIX (in this spec's own database), so the worker uses it too.
    queuePrefix: process.env.QUEUE_PREFIX ?? "e2e",
    extraEnv: { POLL_TIMEOUT_MS: "1500", DB_POOL_MAX: "4" },
  });
  // Small pools: this spec's processes share the machine's Postgres with the e2e server and other runs.
  const poolMax = process.env.DB_POOL_MAX;
  process.env.DB_POOL_MAX = "4";
  web = await startNextServer({ databaseUrl: database.url, name: "e2e-api-web" }).finally(() => {
    if (poolMax === undefined) delete process.env.DB_POOL_MAX;
    else process.env.DB_POOL_MAX = poolMax;
  });
  const store = db;
  await waitFor(
    async () => (await Promise.all(SIMS.map((s) => store.routerSample.count({ where: { routerId: ids.get(s)! } })))).every((n) => n >= 2),
    { timeoutMs: 90_000, what: `two polls of each simulated router (worker: ${worker.output.slice(-3).join(" | ")})` },
  );
  prom = await startPrometheus({ target: new URL(web.baseUrl).host, token: tokens.metrics });
});

test.afterAll(async () => {
  await prom?.stop();
  await worker?.stop();
  await web?.stop();
  await fleet?.close();
  await db?.$disconnect();
  await database?.drop();
});

test.describe("Prometheus", () => {
  test("scrapes /metrics with a metrics token, and its answers equal the simulator's ground truth", async () => {
    test.setTimeout(120_000);
    const p = prom!;
    await waitFor(async () => (await p.targetHealth())?.health === "up", { timeoutMs: 30_000, what: "the target to be scraped" });

    // wanscope_router_up: both routers answer; one made unreachable goes to 0 after its next polls.
    const up = async () =>
      Object.fromEntries((await p.query(`wanscope_router_up{job="wanscope"}`)).map((s) => [s.metric.router, Number(s.value![1])]));
    await waitFor(
      async () => {
        const u = await up();
        return SIMS.every((s) => u[routerName(s)] === 1);
      },
      { timeoutMs: 30_000, what: "wanscope_router_up = 1 for both routers" },
    );
    fleet!.fault("south", { unreachable: true });
    await waitFor(async () => (await up())[routerName("south")] === 0, {
      timeoutMs: 60_000,
      what: "wanscope_router_up = 0 for the unreachable router",
    });
    expect((await up())[routerName("north")]).toBe(1);
    fleet!.fault("south", { unreachable: false });

    // A share: each WAN's share of marked connections equals the simulator's connections per mark.
    const wans = await db!.wan.findMany({ where: { routerId: ids.get("north")! } });
    const truth = fleet!.truth("north");
    const marked = wans.reduce((s, w) => s + (truth.connections.byMark[w.connectionMark ?? ""] ?? 0), 0);
    expect(marked).toBeGreaterThan(0);
    for (const w of wans) {
      const expected = (truth.connections.byMark[w.connectionMark ?? ""] ?? 0) / marked;
      await waitFor(
        async () => {
          const [s] = await p.query(`wanscope_wan_connection_share_ratio{router="${routerName("north")}",wan="${w.name}"}`);
          return s && Math.abs(Number(s.value![1]) - expected) < 1e-9;
        },
        { timeoutMs: 20_000, what: `the share of ${w.name} = ${expected}` },
      );
    }

    // rate() over the byte counters: advance the simulator, let a poll store the new counters and a
    // scrape read them; over exactly the two scrapes either side of the step, rate × their distance
    // is the simulator's own byte count over the step.
    const wan = wans.find((w) => w.interface)!;
    const series = `wanscope_wan_receive_bytes_total{router="${routerName("north")}",wan="${wan.name}"}`;
    const before = fleet!.truth("north").interfaces[wan.interface]!.rxByte;
    const scraped = async (value: number) => (await p.query(series)).some((s) => Number(s.value![1]) === value);
    await waitFor(async () => (await storedCounters("north"))?.interfaces[wan.interface]?.rx === before && scraped(before), {
      timeoutMs: 20_000,
      what: "the counter before the step scraped",
    });
    fleet!.advance(30_000);
    const after = fleet!.truth("north").interfaces[wan.interface]!.rxByte;
    expect(after).toBeGreaterThan(before);
    await waitFor(async () => scraped(after), { timeoutMs: 30_000, what: "the counter after the step scraped" });
    const [raw] = await p.query(`${series}[2m]`);
    const points = raw!.values!.map(([t, v]) => ({ t, v: Number(v) }));
    const lastBefore = points.filter((x) => x.v === before).at(-1)!;
    const firstAfter = points.find((x) => x.v === after)!;
    const windowMs = Math.round((firstAfter.t - lastBefore.t) * 1000);
    const [rate] = await p.query(`rate(${series}[${windowMs + 1}ms])`, firstAfter.t);
    // Equal up to the float rounding of Prometheus's millisecond timestamps (written as seconds).
    const bytes = Number(rate!.value![1]) * (firstAfter.t - lastBefore.t);
    expect(Math.abs(bytes - (after - before)) / (after - before)).toBeLessThan(1e-6);

    // Fleet and self series are there too: polls counted by the worker, queues, open alerts.
    await waitFor(async () => Number((await p.query("wanscope_polls_total"))[0]?.value?.[1] ?? 0) > 0, {
      timeoutMs: 30_000,
      what: "wanscope_polls_total > 0",
    });
    // The unreachable spell's failed polls, counted by the worker and flushed within seconds.
    await waitFor(async () => Number((await p.query("wanscope_poll_failures_total"))[0]?.value?.[1] ?? 0) > 0, {
      timeoutMs: 30_000,
      what: `wanscope_poll_failures_total > 0 (worker: ${worker!.output
        .filter((l) => l.includes("poll."))
        .slice(-5)
        .join(" | ")})`,
    });
    expect((await p.query(`wanscope_queue_jobs{queue="poll"}`)).length).toBeGreaterThan(0);
    expect((await p.query("wanscope_poll_lag_seconds_count")).length).toBe(1);
  });
});

test.describe("JSON API", () => {
  test("a script moves a client to the other WAN with an operator token and reads the result back", async () => {
    test.setTimeout(120_000);
    const api = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${web!.baseUrl}/api/v1${path}`, {
        ...init,
        headers: { authorization: `Bearer ${tokens.operator}`, "content-type": "application/json", ...init.headers },
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> & { data?: Record<string, unknown>[] } };
    };
    const routers = await api("/routers");
    expect(routers.status).toBe(200);
    const router = routers.body.data!.find((r) => r.name === routerName("north"))! as { id: number; wans: { name: string }[] };
    const detail = await api(`/routers/${router.id}`);
    const lists = (detail.body.wans as { addressList: string | null }[]).map((w) => w.addressList).filter((l): l is string => Boolean(l));
    expect(lists.length).toBeGreaterThanOrEqual(2);

    // A client that is on exactly one list, read through the API's cursor pages.
    let client: { address: string; lists: string[] } | undefined;
    let cursor: string | null = null;
    do {
      const page = await api(`/clients?router=${router.id}&limit=10${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      client ??= (page.body.data as { address: string; lists: string[] }[]).find((c) => c.lists.length === 1);
      cursor = page.body.nextCursor as string | null;
    } while (!client && cursor);
    expect(client, "a client on one list").toBeTruthy();
    const target = lists.find((l) => l !== client!.lists[0])!;

    const accepted = await api("/actions", {
      method: "POST",
      body: JSON.stringify({ kind: "move", routerId: router.id, items: [{ address: client!.address, targetList: target }] }),
    });
    expect(accepted.status).toBe(202);
    const action = (accepted.body.actions as { href: string; status: string }[])[0]!;
    expect(action.href).toMatch(/\/api\/v1\/actions\/\d+$/);
    const done = await waitFor(
      async () => {
        const r = await fetch(action.href, { headers: { authorization: `Bearer ${tokens.operator}` } });
        const body = (await r.json()) as { status: string; error: string | null };
        return body.status === "done" || body.status === "failed" ? body : null;
      },
      { timeoutMs: 60_000, what: "the move to finish" },
    );
    expect(done).toMatchObject({ status: "done", error: null });

    // The router now has the client on the target list only, and the next polls show it through the API.
    const truth = fleet!.truth("north");
    expect(truth.lists[target]).toContain(client!.address);
    expect(truth.lists[client!.lists[0]!] ?? []).not.toContain(client!.address);
    await waitFor(
      async () => {
        const found = await api(`/clients?router=${router.id}&q=${client!.address}`);
        const row = (found.body.data as { address: string; lists: string[] }[])[0];
        return row && row.lists.length === 1 && row.lists[0] === target;
      },
      { timeoutMs: 30_000, what: "the API to show the client on its new list" },
    );
    // And the audit log names the token as who did it, like a user.
    const audit = await api(`/audit?client=${client!.address}&action=client.move`);
    expect((audit.body.data as { userEmail: string; apiTokenId: number | null; result: string }[])[0]).toMatchObject({
      userEmail: "token:automation",
      result: "ok",
    });
  });

  test("an admin token edits and disables a router, audited as the token", async () => {
    const call = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${web!.baseUrl}/api/v1${path}`, {
        ...init,
        headers: { authorization: `Bearer ${tokens.admin}`, "content-type": "application/json" },
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const id = ids.get("south")!;
    expect((await call(`/routers/${id}`, { method: "PATCH", body: JSON.stringify({ site: "lab", pollIntervalSec: 5 }) })).status).toBe(200);
    expect((await call(`/routers/${id}`, { method: "PATCH", body: JSON.stringify({ port: 70000 }) })).status).toBe(400);
    expect((await call(`/routers/${id}`, { method: "PATCH", body: JSON.stringify({ enabled: false }) })).status).toBe(200);
    const router = await call(`/routers/${id}`);
    expect(router.body).toMatchObject({ site: "lab", pollIntervalSec: 5, health: "disabled" });
    const stored = await db!.router.findUniqueOrThrow({ where: { id } });
    expect(stored.passwordEnc).not.toBe(""); // an edit without a password keeps it
    const audit = (await call(`/audit?router=${id}&user=token:provisioning`)).body.data as { action: string; result: string }[];
    expect(audit.map((a) => a.action)).toEqual(["router.disable", "router.update"]);
  });
});
