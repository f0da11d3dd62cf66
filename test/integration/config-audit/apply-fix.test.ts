import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../../lib/auth";
import { applyConfigFix } from "../../../lib/config-audit/apply-fix";
import { auditRouter } from "../../../lib/config-audit/audit-router";
import { checkAppliedFixes, loadFixVerdict } from "../../../lib/config-audit/check-fixes";
import { toJson } from "../../../lib/config-audit/fix-record";
import { dualListedSince, measuredSplit } from "../../../lib/config-audit/load-evidence";
import { requestConfigFix, requestConfigRollback } from "../../../lib/config-audit/request-fix";
import { rollbackConfigFix } from "../../../lib/config-audit/rollback-fix";
import { findingKey, type FindingCode, type FixCommand } from "../../../lib/config-audit";
import { disconnectDb, getDb } from "../../../lib/db";
import { QUEUES } from "../../../lib/jobs";
import { createQueueBackend, type QueueBackend } from "../../../lib/queue/backend";
import { Fleet } from "../../../sim/fleet";
import { integrationServices } from "../../support/integration-context";
import { addSimRouter, makePoller } from "../../support/poller-harness";
import { TEST_SECRET_KEY } from "../../support/worker-process";

// Fixes applied to simulated routers over the API, as the worker's job does it: the simulator executes
// the edited rules at once, so the split and the dual-listing that follow are the router's own. Exports
// (the simulator's /export of its configuration now) prove what changed and what a rollback restored.
const services = integrationServices();
const prefix = `cfx-${services.queuePrefix}`;
const seed = readFileSync("sim/exports/seed-nth.rsc", "utf8");
const seedV7 = readFileSync("sim/exports/seed-nth-v7.rsc", "utf8");
// Entries that expire after a minute idle make clients come back unlisted, so the classifiers keep
// seeing new connections: thousands of them in half an hour instead of one per client.
const churning = seed.replace(/address-list-timeout=1d/g, "address-list-timeout=1m");

const ROUTERS = [
  { name: "nth", version: "6.49" as const, script: churning, clients: 400 },
  { name: "pcc", version: "6.49" as const, script: seed, clients: 150 },
  { name: "fail", version: "6.49" as const, script: seed, clients: 40 },
  { name: "v7", version: "7.19" as const, script: seedV7, clients: 40 },
];

let fleet: Fleet;
let queues: QueueBackend;
const ids: Record<string, number> = {};
const poller = makePoller(getDb());
let t = Date.UTC(2026, 11, 2, 9, 0, 0);
let admin = { id: 0, email: `${prefix}@example.test`, name: "Admin", role: "admin" as const };
const logLines: string[] = [];
const log = pino({ level: "debug" }, new Writable({ write: (chunk, _e, done) => (logLines.push(String(chunk)), done()) }));
const ctx = { db: getDb(), secretKey: TEST_SECRET_KEY, log, commandTimeoutMs: 1500 };

/** The router's export without its first line (the time it was printed). */
const exported = (name: string) => fleet.exportConfig(name).replace(/^# .* by RouterOS .*\n/, "");

/** Advance the simulation in 10 s steps, polling every router each step. */
async function run(seconds: number, names = Object.keys(ids)): Promise<void> {
  for (let s = 0; s < seconds; s += 10) {
    fleet.advance(10_000);
    t += 10_000;
    for (const name of names) expect((await poller.poll(ids[name]!, new Date(t))).kind).toBe("stored");
  }
}

async function request(name: string, code: FindingCode, option: string): Promise<number> {
  const audit = await auditRouter({ db: getDb(), routerId: ids[name]!, now: new Date(t) });
  const { fixId } = await requestConfigFix({
    ctx: { db: getDb(), queue: queues.createQueue(QUEUES.actions) },
    input: { routerId: ids[name]!, code, subject: "", option, fingerprint: audit!.config.fingerprint },
    user: admin,
    now: new Date(t),
  });
  return fixId;
}

const apply = (fixId: number, finalAttempt = true, hooks?: Parameters<typeof applyConfigFix>[0]["hooks"]) =>
  applyConfigFix({ ctx, input: { fixId, finalAttempt }, hooks, now: () => new Date(t) });

async function rollback(fixId: number) {
  await requestConfigRollback({ ctx: { db: getDb(), queue: queues.createQueue(QUEUES.actions) }, input: { fixId }, user: admin });
  return rollbackConfigFix({ ctx, input: { fixId, finalAttempt: true }, now: () => new Date(t) });
}

const findings = async (name: string) =>
  (await auditRouter({ db: getDb(), routerId: ids[name]!, now: new Date(t) }))!.report.findings.map(findingKey);

const auditActions = async (fixId: number) =>
  (await getDb().auditEntry.findMany({ where: { details: { path: ["fixId"], equals: fixId } }, orderBy: { id: "asc" } })).map(
    (a) => `${a.action} ${a.result.split(":")[0]}`,
  );

beforeAll(async () => {
  fleet = await Fleet.start({
    seed: 1616,
    routers: ROUTERS.map((r) => ({ ...r, mix: { browser: 1 }, listVisibilityDelayMs: 40 })),
    serve: { basePort: 0 },
  });
  for (const r of ROUTERS) ids[r.name] = await addSimRouter({ db: getDb(), fleet, name: r.name, prefix });
  queues = createQueueBackend({ databaseUrl: services.databaseUrl, prefix: `${services.queuePrefix}_cfx` });
  const user = await createUser({
    ctx: { db: getDb() },
    input: { email: admin.email, name: "Admin", role: "admin", password: "correct horse battery" },
  });
  admin = { ...admin, id: user.id };
  await run(60);
}, 240_000);

afterAll(async () => {
  await poller.sessions.closeAll();
  await fleet?.close();
  await getDb().router.deleteMany({ where: { name: { startsWith: prefix } } });
  await getDb().auditEntry.deleteMany({ where: { userEmail: admin.email } });
  await getDb().user.deleteMany({ where: { email: admin.email } });
  await queues?.close();
  await disconnectDb();
});

describe("the nth fix", () => {
  let fixId = 0;
  let before = "";

  it("applies over the API, verifies the read-back and re-runs discovery", async () => {
    before = exported("nth");
    fixId = await request("nth", "nth-skew", "minimal");
    expect(await apply(fixId)).toEqual({ status: "applied" });
    expect(exported("nth")).toBe(before.replace("nth=2,2", "nth=1,1"));
    expect(await auditActions(fixId)).toEqual([
      "config.fix_requested requested",
      "config.fix_started ok",
      "config.fix_saved ok",
      "config.fix_command ok",
      "config.fix_applied ok",
    ]);
    expect(await findings("nth")).not.toContain("nth-skew");
  });

  it("splits the next 10,000 new connections 50/50 within 2 points with none unmarked, and says the fix kept its promise", async () => {
    const fix = await getDb().configFix.findUniqueOrThrow({ where: { id: fixId } });
    await run(10); // the poll that straddles the change is not counted
    const from = new Date(t);
    const unmarkedBefore = fleet.truth("nth").newConnections.byMark[""] ?? 0;
    let split = await measuredSplit({ db: getDb(), routerId: ids.nth!, from, to: new Date(t) });
    for (let i = 0; i < 360 && (split?.total ?? 0) < 10_000; i++) {
      await run(10, ["nth"]);
      split = await measuredSplit({ db: getDb(), routerId: ids.nth!, from, to: new Date(t) });
    }
    expect(split!.total).toBeGreaterThanOrEqual(10_000);
    for (const wan of split!.perWan) expect(Math.abs(wan.count / split!.total - 0.5), wan.wan).toBeLessThanOrEqual(0.02);
    expect(split!.unmarked).toBe(0);
    // The simulator agrees: no new connection left without a mark since the fix.
    expect((fleet.truth("nth").newConnections.byMark[""] ?? 0) - unmarkedBefore).toBe(0);
    const verdict = await loadFixVerdict({ db: getDb(), fix, now: new Date(t) });
    expect(verdict?.state).toBe("kept");
    // The fleet job records the verdict once, with an audit row.
    expect(await checkAppliedFixes({ db: getDb(), now: new Date(t), log })).toMatchObject({ decided: 1 });
    expect((await getDb().configFix.findUniqueOrThrow({ where: { id: fixId } })).verdictAt).not.toBeNull();
    expect((await auditActions(fixId)).slice(-1)).toEqual(["config.fix_verified ok"]);
  }, 300_000);

  it("rolls back to the original rules exactly", async () => {
    expect(await rollback(fixId)).toEqual({ status: "rolled_back" });
    expect(exported("nth")).toBe(before);
    expect((await auditActions(fixId)).slice(-3)).toEqual([
      "config.rollback_requested requested",
      "config.rollback_started ok",
      "config.rolled_back ok",
    ]);
    expect(await findings("nth")).toContain("nth-skew");
  });
});

describe("converting to PCC", () => {
  it("stops the race: no client newly dual-listed in 30 simulated minutes, where the seed had dozens", async () => {
    const seedStart = new Date(t);
    await run(30 * 60, ["pcc"]);
    const seedDual = await dualListedSince({ db: getDb(), routerId: ids.pcc!, since: seedStart });
    expect(seedDual.length, "clients the seed's race dual-listed in 30 minutes").toBeGreaterThanOrEqual(24);

    const before = exported("pcc");
    const fixId = await request("pcc", "dual-listing-risk", "convert-pcc");
    expect(await apply(fixId)).toEqual({ status: "applied" });
    expect(exported("pcc")).toMatch(/per-connection-classifier=src-address:2\/0/);
    const appliedAt = new Date(t);
    const dualBefore = new Set(fleet.truth("pcc").multiListed.map((m) => m.address));
    await run(30 * 60, ["pcc"]);
    expect(await dualListedSince({ db: getDb(), routerId: ids.pcc!, since: appliedAt })).toEqual([]);
    expect(fleet.truth("pcc").multiListed.filter((m) => !dualBefore.has(m.address))).toEqual([]);
    const fix = await getDb().configFix.findUniqueOrThrow({ where: { id: fixId } });
    expect((await loadFixVerdict({ db: getDb(), fix, now: new Date(t) }))?.state).toBe("kept");

    expect(await rollback(fixId)).toEqual({ status: "rolled_back" });
    expect(exported("pcc")).toBe(before);
  }, 300_000);
});

describe("the fixed seed", () => {
  it("has none of the seed's findings once its fixes are applied (v7), and rolls back exactly", async () => {
    const before = exported("v7");
    const applied: number[] = [];
    for (const [code, option] of [
      ["dual-listing-risk", "convert-pcc"],
      ["route-no-check-gateway", "minimal"],
      ["route-no-fallback", "minimal"],
    ] as const) {
      const fixId = await request("v7", code, option);
      expect(await apply(fixId), `${code}/${option}`).toEqual({ status: "applied" });
      applied.push(fixId);
      await run(10, ["v7"]);
    }
    await run(120, ["v7"]);
    expect(await findings("v7")).toEqual([]);
    for (const fixId of applied.reverse()) expect(await rollback(fixId)).toEqual({ status: "rolled_back" });
    expect(exported("v7")).toBe(before);
  }, 120_000);
});

describe("when things go wrong", () => {
  it("a router error half-way restores the saved rules", async () => {
    const before = exported("fail");
    const audit = (await auditRouter({ db: getDb(), routerId: ids.fail!, now: new Date(t) }))!;
    const commands: FixCommand[] = [
      { op: "set", path: "/ip/firewall/mangle", id: "*8", props: { nth: "1,1" } },
      { op: "add", path: "/ip/firewall/mangle", props: { chain: "prerouting", action: "passthrough", comment: "wanscope test" } },
      { op: "set", path: "/ip/firewall/mangle", id: "*FFFF", props: { nth: "1,1" } },
    ];
    const fix = await getDb().configFix.create({
      data: {
        routerId: ids.fail!,
        findingCode: "nth-skew",
        findingSubject: "",
        option: "test",
        title: "fails at its third command",
        script: "",
        commands: toJson(commands),
        touches: toJson([]),
        expectation: toJson({ summary: "", checks: [], minNewConnections: 0, minMinutes: 0 }),
        previewFingerprint: audit.config.fingerprint,
        requestedBy: admin.id,
      },
    });
    const outcome = await apply(fix.id);
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toMatch(/router said: no such item.*restored exactly/);
    expect(exported("fail")).toBe(before);
    expect(await auditActions(fix.id)).toEqual([
      "config.fix_started ok",
      "config.fix_saved ok",
      "config.fix_command ok",
      "config.fix_command ok",
      "config.fix_command failed",
      "config.fix_restored ok",
    ]);
  });

  it("a connection lost half-way is restored, by the job's retry once the router answers again", async () => {
    const before = exported("fail");
    const fixId = await request("fail", "route-no-check-gateway", "minimal");
    const cut = async (index: number) => {
      if (index === 0) fleet.fault("fail", { unreachable: true });
    };
    const first = await apply(fixId, false, { afterCommand: cut });
    expect(first).toMatchObject({ status: "applying", retry: true });
    expect(exported("fail")).not.toBe(before);
    fleet.fault("fail", { unreachable: false });
    const second = await apply(fixId, true);
    expect(second.status).toBe("failed");
    expect(second.error).toMatch(/restored exactly/);
    expect(exported("fail")).toBe(before);
    expect((await auditActions(fixId)).slice(-1)).toEqual(["config.fix_restored ok"]);
  }, 120_000);

  it("a router whose rules changed since the preview refuses the apply and changes nothing", async () => {
    const fixId = await request("fail", "nth-skew", "minimal");
    // Someone edits a rule by hand between the preview and the apply.
    const session = poller.sessions.peek(String(ids.fail))!;
    await session.run(["/ip/firewall/mangle/set", "=.id=*4", "=comment=edited by hand"]);
    const before = exported("fail");
    const outcome = await apply(fixId);
    expect(outcome.status).toBe("refused");
    expect(outcome.error).toMatch(/rules changed since the preview/);
    expect(exported("fail")).toBe(before);
    expect((await auditActions(fixId)).slice(-1)).toEqual(["config.fix_refused failed"]);
  });
});
