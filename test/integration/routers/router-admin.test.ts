import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptSecret } from "../../../lib/crypto/password-box";
import { disconnectDb, getDb } from "../../../lib/db";
import { QUEUES } from "../../../lib/jobs";
import { createQueueBackend, type QueueBackend, type QueueHandle } from "../../../lib/queue/backend";
import {
  addRouter,
  correctWans,
  createRouter,
  deleteRouter,
  setRouterEnabled,
  testConnection,
  updateRouter,
  type RouterAdminCtx,
} from "../../../lib/routers";
import { saveDiscoveredSetup } from "../../../lib/poller";
import { discoverRouter, RouterSession } from "../../../lib/routeros";
import { Fleet } from "../../../sim/fleet";
import { integrationServices } from "../../support/integration-context";
import { TEST_SECRET_KEY } from "../../support/worker-process";

// Router administration against simulated routers over real TCP: test connection, add (with
// discovery and a poll scheduler), edit with a write-only password, disable, delete, WAN corrections.
const services = integrationServices();
const prefix = `${services.queuePrefix}_radm`;
const user = { id: null, email: `admin-${prefix}@routers.test` };
const logLines: string[] = [];
const log = pino({ level: "debug" }, new Writable({ write: (chunk: Buffer, _enc, done) => (logLines.push(chunk.toString()), done()) }));
let fleet: Fleet;
let queues: QueueBackend;
let queue: QueueHandle;
let ctx: RouterAdminCtx;
const made: number[] = [];

const sim = (name: string) => fleet.get(name);
const form = (name: string, over: Record<string, unknown> = {}) => ({
  name: `${prefix}-${name}`,
  host: "127.0.0.1",
  port: sim(name).apiPort!,
  username: sim(name).user,
  password: sim(name).password,
  pollIntervalSec: 30,
  ...over,
});
const text = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? String(x) : x));
const schedulerKeys = async () => (await queue.getJobSchedulers(0, -1)).map((s) => s.key);

beforeAll(async () => {
  fleet = await Fleet.start({
    seed: 17,
    routers: [
      { name: "r6", version: "6.49", clients: 20, listVisibilityDelayMs: 0 },
      { name: "r7", version: "7.19", clients: 20, listVisibilityDelayMs: 0, password: "p<'\"&>w" },
    ],
    serve: { basePort: 0 },
  });
  queues = createQueueBackend({ redisUrl: undefined, databaseUrl: services.databaseUrl, prefix });
  queue = queues.createQueue(QUEUES.poll);
  ctx = { db: getDb(), secretKey: TEST_SECRET_KEY, pollQueue: queue, log };
});

afterAll(async () => {
  await getDb().router.deleteMany({ where: { id: { in: made } } });
  await getDb().auditEntry.deleteMany({ where: { userEmail: user.email } });
  await queue?.obliterate({ force: true });
  await queue?.close();
  await queues?.close();
  await fleet?.close();
  await disconnectDb();
  // Nothing logged anywhere in this file carries a router password.
  for (const name of ["r6", "r7"]) expect(logLines.join("\n")).not.toContain(fleet.get(name).password);
});

describe("test connection", () => {
  it.each(["r6", "r7"])("reports the version, identity and discovered WANs of %s", async (name) => {
    const report = await testConnection({ ctx, input: { ...form(name), tlsMode: "none" } });
    expect(report).toMatchObject({
      ok: true,
      version: sim(name).router.version(),
      identity: sim(name).router.identity,
      routing: name === "r7" ? "v7" : "v6",
      balancingMethod: "nth",
    });
    if (!report.ok) return;
    expect(report.wans.map((w) => w.name).sort()).toEqual(["even", "odd"]);
    expect(report.wans.every((w) => w.interface && w.gateway && w.addressList)).toBe(true);
    expect(JSON.stringify(report)).not.toContain(sim(name).password);
  });

  it("a wrong password is reported as auth failed with the router's message, never echoing the password", async () => {
    const wrong = "wrong-password-<x>";
    const report = await testConnection({ ctx, input: { ...form("r6"), password: wrong } });
    expect(report).toMatchObject({ ok: false, code: "auth_failed" });
    if (report.ok) return;
    expect(report.message.length).toBeGreaterThan(10);
    expect(report.message).not.toContain(wrong);
  });

  it("a closed port is reported as unreachable", async () => {
    const report = await testConnection({ ctx, input: { ...form("r6"), port: 1 }, timeoutMs: 2000 });
    expect(report).toMatchObject({ ok: false, code: "unreachable" });
  });

  it("needs a password unless it may use a stored router's", async () => {
    await expect(testConnection({ ctx, input: { ...form("r6"), password: "" } })).rejects.toMatchObject({ code: "validation_failed" });
  });
});

describe("add, edit, disable, delete", () => {
  let id = 0;

  it("add stores the password encrypted, discovers the WANs and schedules polls", async () => {
    const created = await createRouter({ ctx, input: form("r7"), user });
    id = created.id;
    made.push(id);
    expect(created).toMatchObject({ discovery: { ok: true, identity: "r7" }, schedulesSynced: true });
    const row = await getDb().router.findUniqueOrThrow({ where: { id }, include: { wans: true } });
    expect(row.passwordEnc).not.toContain(sim("r7").password);
    expect(decryptSecret(row.passwordEnc, TEST_SECRET_KEY)).toBe(sim("r7").password);
    expect(row.wans.map((w) => w.name).sort()).toEqual(["even", "odd"]);
    expect(row).toMatchObject({ identity: "r7", rosVersion: sim("r7").router.version(), balancingMethod: "nth" });
    expect(await schedulerKeys()).toContain(`router.poll:${id}`);
    const audit = await getDb().auditEntry.findFirstOrThrow({ where: { routerId: id, action: "router.create" } });
    expect(text(audit)).not.toContain(sim("r7").password);
    expect(text(audit)).not.toContain(row.passwordEnc);
  });

  it("test connection of a stored router uses its stored password when none is given", async () => {
    const report = await testConnection({ ctx, input: { ...form("r7"), password: "", routerId: id } });
    expect(report).toMatchObject({ ok: true, identity: "r7" });
    // ...but never sends the stored password to another host.
    await expect(testConnection({ ctx, input: { ...form("r7"), host: "127.0.0.2", password: "", routerId: id } })).rejects.toMatchObject({
      code: "validation_failed",
    });
  });

  it("edit keeps the stored password when the field is empty and re-encrypts a new one", async () => {
    const before = await getDb().router.findUniqueOrThrow({ where: { id } });
    await updateRouter({ ctx, input: { ...form("r7"), id, password: "", site: "lab", tags: ["a", "b"], pollIntervalSec: 20 }, user });
    const kept = await getDb().router.findUniqueOrThrow({ where: { id } });
    expect(kept.passwordEnc).toBe(before.passwordEnc);
    expect(kept).toMatchObject({ site: "lab", tags: ["a", "b"], pollIntervalSec: 20 });
    const result = await updateRouter({ ctx, input: { ...form("r7"), id, password: "a new secret 123" }, user });
    expect(result.passwordChanged).toBe(true);
    const changed = await getDb().router.findUniqueOrThrow({ where: { id } });
    expect(changed.passwordEnc).not.toBe(before.passwordEnc);
    expect(changed.passwordEnc).not.toContain("a new secret 123");
    expect(decryptSecret(changed.passwordEnc, TEST_SECRET_KEY)).toBe("a new secret 123");
    const audits = await getDb().auditEntry.findMany({ where: { routerId: id, action: "router.update" } });
    expect(audits).toHaveLength(2);
    expect(text(audits)).not.toContain("a new secret 123");
    // The stored (now wrong) password is what a test without one uses.
    expect(await testConnection({ ctx, input: { ...form("r7"), password: "", routerId: id } })).toMatchObject({
      ok: false,
      code: "auth_failed",
    });
    await updateRouter({ ctx, input: { ...form("r7"), id }, user });
  });

  it("edit rejects bad fields and another router's name", async () => {
    await expect(
      updateRouter({ ctx, input: { ...form("r7"), id, tlsMode: "pin_fingerprint", tlsFingerprint: "abc" }, user }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    const other = await createRouter({ ctx, input: form("r6"), user });
    made.push(other.id);
    await expect(updateRouter({ ctx, input: { ...form("r7"), id, name: form("r6").name }, user })).rejects.toMatchObject({
      code: "validation_failed",
    });
    await deleteRouter({ ctx, input: { id: other.id }, user });
  });

  it("adds of one name at the same moment: one router, and every other add is told the name is taken", async () => {
    const name = `${prefix}-race`;
    const input = { name, host: "127.0.0.1", port: 1, username: "u", password: "p" };
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => addRouter({ db: getDb(), secretKey: TEST_SECRET_KEY, input })),
    );
    const added = results.filter((r) => r.status === "fulfilled");
    expect(added).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected"))
      expect(r.reason).toMatchObject({ code: "validation_failed", issues: [`name: a router named ${name} already exists`] });
    await getDb().router.deleteMany({ where: { name } });
  });

  it("disabling removes its scheduler, enabling brings it back", async () => {
    await setRouterEnabled({ ctx, input: { id, enabled: false }, user });
    expect(await schedulerKeys()).not.toContain(`router.poll:${id}`);
    await setRouterEnabled({ ctx, input: { id, enabled: true }, user });
    expect(await schedulerKeys()).toContain(`router.poll:${id}`);
    await updateRouter({ ctx, input: { ...form("r7"), id, password: "", enabled: false }, user });
    expect(await schedulerKeys()).not.toContain(`router.poll:${id}`);
    await updateRouter({ ctx, input: { ...form("r7"), id, password: "", enabled: true }, user });
    expect(await schedulerKeys()).toContain(`router.poll:${id}`);
  });

  it("corrected WANs are kept by the next discovery", async () => {
    const wans = await getDb().wan.findMany({ where: { routerId: id }, orderBy: { name: "asc" } });
    const even = wans.find((w) => w.name === "even")!;
    await correctWans({
      ctx,
      input: {
        routerId: id,
        wans: [{ id: even.id, expectedWeight: 0.5, interface: even.interface, addressList: even.addressList ?? "", gateway: "10.255.0.1" }],
      },
      user,
    });
    await expect(
      correctWans({
        ctx,
        input: {
          routerId: id,
          wans: wans.map((w) => ({ id: w.id, expectedWeight: 0.9, interface: w.interface, addressList: "", gateway: "" })),
        },
        user,
      }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    const session = new RouterSession({
      host: "127.0.0.1",
      port: sim("r7").apiPort!,
      user: sim("r7").user,
      password: sim("r7").password,
      logger: log,
    });
    try {
      const { setup } = await discoverRouter({ client: session });
      await saveDiscoveredSetup({ db: getDb(), routerId: id, setup, version: (await session.version()).raw, now: new Date() });
    } finally {
      await session.close();
    }
    const after = await getDb().wan.findMany({ where: { routerId: id }, orderBy: { name: "asc" } });
    expect(after.find((w) => w.name === "even")).toMatchObject({ expectedWeight: 0.5, gateway: "10.255.0.1", discovered: false });
    expect(after.find((w) => w.name === "odd")).toMatchObject({ discovered: true });
    expect(await getDb().auditEntry.count({ where: { routerId: id, action: "router.wans_correct" } })).toBe(1);
  });

  it("delete removes the router, its WANs and its scheduler, and keeps the audit trail", async () => {
    const result = await deleteRouter({ ctx, input: { id }, user });
    expect(result.schedulesSynced).toBe(true);
    expect(await getDb().router.findUnique({ where: { id } })).toBeNull();
    expect(await getDb().wan.count({ where: { routerId: id } })).toBe(0);
    expect(await schedulerKeys()).not.toContain(`router.poll:${id}`);
    expect(await getDb().auditEntry.count({ where: { routerId: id, action: "router.delete" } })).toBe(1);
    await expect(deleteRouter({ ctx, input: { id }, user })).rejects.toMatchObject({ code: "not_found" });
  });
});
