import { Writable } from "node:stream";
import type { Queue } from "bullmq";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACTION_EXPIRE_AFTER_MS,
  ACTION_RESEND_AFTER_MS,
  clientActionJobId,
  requestClientActions,
  runClientAction,
  sweepClientActions,
} from "../../../lib/actions";
import { createUser } from "../../../lib/auth";
import { disconnectDb, getDb } from "../../../lib/db";
import { openQueues, QUEUES } from "../../../lib/jobs";
import { createQueueBackend, type QueueBackend } from "../../../lib/queue/backend";
import { countClientConnections, readClientEntries } from "../../../lib/routeros";
import { routerConnectionSettings } from "../../../lib/routers";
import { handlers } from "../../../workers/registry";
import type { WorkerContext } from "../../../workers/registry-types";
import { Fleet } from "../../../sim/fleet";
import { integrationServices } from "../../support/integration-context";
import { addSimRouter, makePoller } from "../../support/poller-harness";
import { TEST_SECRET_KEY } from "../../support/worker-process";

// Operator actions against the simulator: what the router's lists hold afterwards is read from the
// simulator's ground truth; the worker's job handlers run in this process with captured logs.
const services = integrationServices();
const prefix = `act-${services.queuePrefix}`;
let fleet: Fleet;
const ids: Record<string, number> = {};
const poller = makePoller(getDb());
let t = Date.UTC(2026, 10, 29, 15, 0, 0);
const nextAt = () => new Date((t += 10_000));
const logLines: string[] = [];
const log = pino(
  { level: "debug" },
  new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  }),
);
let userId = 0;
let queues: QueueBackend;
let ctx: WorkerContext;

const listsOf = (name: string, address: string) =>
  Object.entries(fleet.truth(name).lists)
    .filter(([, addrs]) => addrs.includes(address))
    .map(([list]) => list)
    .sort();
const simConnections = (name: string, address: string) =>
  fleet
    .get(name)
    .router.dataplane.conns.print()
    .filter((r) => r["src-address"]?.startsWith(`${address}:`)).length;
const session = async (name: string) => {
  const router = await getDb().router.findUniqueOrThrow({ where: { id: ids[name]! } });
  return poller.sessions.get(String(router.id), routerConnectionSettings(router, TEST_SECRET_KEY));
};
const singleListed = (name: string) => {
  const truth = fleet.truth(name);
  const multi = new Set(truth.multiListed.map((m) => m.address));
  const odd = (truth.lists.odd ?? []).filter((a) => !multi.has(a));
  return odd.sort((a, b) => simConnections(name, b) - simConnections(name, a));
};

async function act(
  kind: "move" | "pin" | "unpin" | "resolve_dual",
  name: string,
  address: string,
  targetList: string | undefined,
  dropConnections = false,
) {
  const { actionIds } = await requestClientActions({
    ctx: { db: getDb(), queue: queues.createQueue(QUEUES.actions) },
    input: { kind, routerId: ids[name]!, items: [{ address, targetList }], dropConnections },
    user: { id: userId, email: `${prefix}@example.test`, name: "t", role: "operator" },
  });
  return actionIds[0]!;
}
const runJob = async (actionId: number, kind: keyof typeof handlers = "client.move") =>
  (handlers[kind] as (a: unknown) => Promise<unknown>)({
    ctx,
    payload: { actionId },
    jobId: `t-${actionId}`,
    attempt: 1,
    scheduledAt: new Date(),
  });

beforeAll(async () => {
  fleet = await Fleet.start({
    seed: 33,
    routers: [
      { name: "a", version: "6.49", clients: 80, listVisibilityDelayMs: 0 },
      { name: "dual", version: "7.19", clients: 120, listVisibilityDelayMs: 60 },
      { name: "bad", version: "6.49", clients: 30, listVisibilityDelayMs: 0 },
    ],
    serve: { basePort: 0 },
  });
  fleet.advance(3 * 60_000);
  for (const name of ["a", "dual", "bad"]) ids[name] = await addSimRouter({ db: getDb(), fleet, name, prefix });
  for (const name of Object.keys(ids)) expect((await poller.poll(ids[name]!, nextAt())).kind).toBe("stored");
  userId = (
    await createUser({
      ctx: { db: getDb() },
      input: { email: `${prefix}@example.test`, name: "Action tester", role: "operator", password: "correct horse battery" },
    })
  ).id;
  queues = createQueueBackend({ databaseUrl: services.databaseUrl, prefix: `${services.queuePrefix}_act` });
  ctx = {
    db: getDb(),
    log,
    worker: { id: "t", hostname: "t", queueBackend: "postgres", startedAt: new Date() },
    queues: openQueues(queues),
    sessions: poller.sessions,
    secretKey: TEST_SECRET_KEY,
    settings: {
      POLL_INTERVAL_SEC: 10,
      POLL_TIMEOUT_MS: 3000,
      RAW_RETENTION_DAYS: 1,
      MINUTE_RETENTION_DAYS: 7,
      HOUR_RETENTION_DAYS: 30,
      SMTP_FROM: "WANscope <wanscope@localhost>",
      TELEGRAM_API_URL: "https://api.telegram.org",
    },
  };
});

afterAll(async () => {
  await poller.sessions.closeAll();
  await fleet?.close();
  await getDb().router.deleteMany({ where: { name: { startsWith: prefix } } });
  await getDb().auditEntry.deleteMany({ where: { userEmail: `${prefix}@example.test` } });
  await getDb().user.deleteMany({ where: { email: `${prefix}@example.test` } });
  if (ctx) await Promise.all(Object.values(ctx.queues).map((queue) => queue.close()));
  await queues?.close();
  await disconnectDb();
});

describe("moving a client", () => {
  it("changes the router's lists exactly, keeps its connections when not asked, and the next poll shows the new WAN", async () => {
    const address = singleListed("a")[0]!;
    const before = fleet.truth("a").lists;
    const connections = simConnections("a", address);
    expect(connections).toBeGreaterThan(0);
    expect(await countClientConnections({ client: await session("a"), address })).toBe(connections);
    const actionId = await act("move", "a", address, "even");
    await runJob(actionId);
    const action = await getDb().clientAction.findUniqueOrThrow({ where: { id: actionId } });
    expect(action.status).toBe("done");
    expect(listsOf("a", address)).toEqual(["even"]);
    const after = fleet.truth("a").lists;
    // Exactly one change per list: the client left odd and joined even; nobody else moved.
    expect(new Set(after.odd)).toEqual(new Set((before.odd ?? []).filter((x) => x !== address)));
    expect(new Set(after.even)).toEqual(new Set([...(before.even ?? []), address]));
    expect(simConnections("a", address)).toBe(connections);
    const entries = await readClientEntries({ client: await session("a"), address, lists: ["odd", "even"] });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ list: "even", dynamic: true });
    expect(entries[0]!.timeoutSeconds).toBeGreaterThan(23 * 3600); // the mangle rule's address-list-timeout=1d
    await poller.poll(ids.a!, nextAt());
    expect((await getDb().client.findUniqueOrThrow({ where: { routerId_address: { routerId: ids.a!, address } } })).lists).toEqual([
      "even",
    ]);
    const audit = await getDb().auditEntry.findMany({ where: { routerId: ids.a!, clientAddress: address } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "client.move", result: "ok", userId });
    expect(audit[0]!.before).toEqual([{ list: "odd", dynamic: true, timeoutSeconds: expect.any(Number), disabled: false }]);
  });

  it("drops the client's tracked connections when asked, and only its own", async () => {
    const [address, other] = singleListed("a");
    const total = fleet.truth("a").connections.total;
    const mine = simConnections("a", address!);
    const others = simConnections("a", other!);
    expect(mine).toBeGreaterThan(0);
    await runJob(await act("move", "a", address!, "even", true));
    expect(listsOf("a", address!)).toEqual(["even"]);
    expect(simConnections("a", address!)).toBe(0);
    expect(simConnections("a", other!)).toBe(others);
    expect(fleet.truth("a").connections.total).toBe(total - mine);
  });

  it("running the same job twice leaves the same state", async () => {
    const address = singleListed("a")[0]!;
    const actionId = await act("move", "a", address, "even", true);
    await runJob(actionId);
    const first = fleet.truth("a").lists;
    await runJob(actionId);
    expect(fleet.truth("a").lists).toEqual(first);
    expect((await getDb().clientAction.findUniqueOrThrow({ where: { id: actionId } })).status).toBe("done");
  });

  it("pin leaves one static entry without a timeout; unpin makes it dynamic again", async () => {
    const address = singleListed("a")[0]!;
    await runJob(await act("pin", "a", address, "even"), "client.pin");
    let entries = await readClientEntries({ client: await session("a"), address, lists: ["odd", "even"] });
    expect(entries).toEqual([expect.objectContaining({ list: "even", dynamic: false, timeoutSeconds: null })]);
    fleet.advance((2 * 24 * 3600_000) / 100); // time passes: a static entry stays
    expect(listsOf("a", address)).toEqual(["even"]);
    await poller.poll(ids.a!, nextAt()); // unpin without a list acts on the list the last poll saw
    await runJob(await act("unpin", "a", address, undefined), "client.unpin");
    entries = await readClientEntries({ client: await session("a"), address, lists: ["odd", "even"] });
    expect(entries).toEqual([expect.objectContaining({ list: "even", dynamic: true })]);
  });
});

describe("resolving dual-listed clients", () => {
  it("bulk resolve leaves no dual-listed clients, each on the list picked for it", async () => {
    for (let i = 0; i < 20 && fleet.truth("dual").multiListed.length < 2; i++) fleet.advance(30_000);
    const dual = fleet.truth("dual").multiListed;
    expect(dual.length).toBeGreaterThan(0);
    const picks = dual.map((d, i) => ({ address: d.address, targetList: d.lists[i % d.lists.length]! }));
    const { actionIds } = await requestClientActions({
      ctx: { db: getDb(), queue: queues.createQueue(QUEUES.actions) },
      input: { kind: "resolve_dual", routerId: ids.dual!, items: picks, dropConnections: true },
      user: { id: userId, email: `${prefix}@example.test`, name: "t", role: "operator" },
    });
    for (const id of actionIds) await runJob(id, "client.resolve-dual");
    const truth = fleet.truth("dual");
    for (const p of picks) expect(listsOf("dual", p.address)).toEqual([p.targetList]);
    expect(truth.multiListed.filter((m) => picks.some((p) => p.address === m.address))).toEqual([]);
    await poller.poll(ids.dual!, nextAt());
    expect(
      await getDb().client.count({
        where: { routerId: ids.dual!, address: { in: picks.map((p) => p.address) }, dualListedSince: { not: null } },
      }),
    ).toBe(0);
  });
});

describe("router errors and secrets", () => {
  it("a wrong password fails the action with the router's error, in the action and the audit log", async () => {
    const address = fleet.truth("bad").lists.odd?.[0] ?? fleet.truth("bad").lists.even![0]!;
    fleet.fault("bad", { wrongPassword: true });
    await poller.sessions.drop(String(ids.bad));
    const actionId = await act("move", "bad", address, "even");
    await runJob(actionId);
    const action = await getDb().clientAction.findUniqueOrThrow({ where: { id: actionId } });
    expect(action.status).toBe("failed");
    expect(action.error).toMatch(/login failed/);
    const audit = await getDb().auditEntry.findFirstOrThrow({ where: { routerId: ids.bad!, clientAddress: address } });
    expect(audit.result).toMatch(/^failed: .*login failed/);
    fleet.fault("bad", { wrongPassword: false });
  });

  it("an unreachable router is retried, then fails with the reason", async () => {
    const address = fleet.truth("bad").lists.odd?.[0] ?? fleet.truth("bad").lists.even![0]!;
    fleet.fault("bad", { unreachable: true });
    await poller.sessions.drop(String(ids.bad));
    const actionId = await act("move", "bad", address, "even");
    await expect(runJob(actionId)).rejects.toThrow(); // BullMQ retries this one
    expect((await getDb().clientAction.findUniqueOrThrow({ where: { id: actionId } })).status).toBe("pending");
    const outcome = await runClientAction({ ctx, input: { actionId, attempt: 3, finalAttempt: true } });
    expect(outcome.status).toBe("failed");
    const action = await getDb().clientAction.findUniqueOrThrow({ where: { id: actionId } });
    expect(action.status).toBe("failed");
    expect(action.error).toMatch(/unreachable|timed out|did not answer/);
    fleet.fault("bad", { unreachable: false });
  });

  it("router passwords appear in no log line, job payload, action or audit row", async () => {
    const queue = queues.createQueue(QUEUES.actions);
    const jobs = await (queue as unknown as Queue).getJobs(["waiting", "delayed", "completed", "failed", "active"]);
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) expect(Object.keys(job.data as object)).toEqual(["actionId"]);
    const rows = JSON.stringify({
      actions: await getDb().clientAction.findMany({ where: { routerId: { in: Object.values(ids) } } }),
      audit: await getDb().auditEntry.findMany({
        where: { routerId: { in: Object.values(ids) } },
        select: { before: true, after: true, result: true, details: true },
      }),
      jobs: jobs.map((j) => j.data),
    });
    const everything = logLines.join("\n") + rows;
    expect(logLines.length).toBeGreaterThan(0);
    for (const name of Object.keys(ids)) expect(everything).not.toContain(fleet.get(name).password);
  });
});

describe("queue trouble and internal errors", () => {
  const operator = () => ({ id: userId, email: `${prefix}@example.test`, name: "t", role: "operator" as const });

  it("a queue that fails part-way loses no action: the rows stay pending and the sweep re-sends them once", async () => {
    const [first, second] = singleListed("a").slice(-2) as [string, string];
    const down = createQueueBackend({ databaseUrl: "postgresql://nobody@127.0.0.1:1/none", prefix: `${services.queuePrefix}_down` });
    const result = await requestClientActions({
      ctx: { db: getDb(), queue: down.createQueue(QUEUES.actions), log },
      input: {
        kind: "move",
        routerId: ids.a!,
        items: [
          { address: first, targetList: "even" },
          { address: second, targetList: "even" },
        ],
      },
      user: operator(),
    }).finally(() => down.close());
    expect(result.queued).toBe(false);
    expect(result.actionIds).toHaveLength(2);
    const rows = await getDb().clientAction.findMany({ where: { id: { in: result.actionIds } } });
    expect(rows.map((r) => r.status)).toEqual(["pending", "pending"]);
    expect(logLines.some((l) => l.includes('"event":"client.action_enqueue_failed"'))).toBe(true);

    const queue = queues.createQueue(QUEUES.actions);
    const soon = await sweepClientActions({ ctx: { db: getDb(), queue, log }, input: { now: new Date() } });
    expect(soon.resent).toBe(0); // younger than the re-send limit: the request's own enqueue may still land
    const later = new Date(Date.now() + ACTION_RESEND_AFTER_MS + 1_000);
    expect((await sweepClientActions({ ctx: { db: getDb(), queue, log }, input: { now: later } })).resent).toBeGreaterThanOrEqual(2);
    for (const id of result.actionIds) expect(await (queue as unknown as Queue).getJob(clientActionJobId(id))).toBeTruthy();
    // A second sweep does not queue them twice: the job id is the action's.
    await sweepClientActions({ ctx: { db: getDb(), queue, log }, input: { now: later } });
    const jobs = await (queue as unknown as Queue).getJobs(["waiting", "delayed", "active"]);
    expect(jobs.filter((j) => result.actionIds.includes((j.data as { actionId: number }).actionId))).toHaveLength(2);
    for (const id of result.actionIds) await runJob(id);
    expect(listsOf("a", first)).toEqual(["even"]);
    expect(listsOf("a", second)).toEqual(["even"]);
  });

  it("an action no worker finishes expires with a message instead of staying pending", async () => {
    const action = await getDb().clientAction.create({
      data: { routerId: ids.a!, address: "192.168.0.77", kind: "move", targetList: "odd", requestedBy: userId },
    });
    const queue = queues.createQueue(QUEUES.actions);
    const outcome = await sweepClientActions({
      ctx: { db: getDb(), queue, log },
      input: { now: new Date(action.requestedAt.getTime() + ACTION_EXPIRE_AFTER_MS + 1_000) },
    });
    expect(outcome.expired).toBeGreaterThanOrEqual(1);
    const row = await getDb().clientAction.findUniqueOrThrow({ where: { id: action.id } });
    expect(row).toMatchObject({ status: "failed" });
    expect(row.error).toMatch(/^expired: no worker finished this action within 15 minutes/);
  });

  it("an internal error reaches the action row only as an id that the log line carries", async () => {
    const broken = await getDb().router.create({
      data: {
        name: `${prefix}-broken`,
        host: "127.0.0.1",
        username: "u",
        passwordEnc: "v1:AAAA:AAAA:AAAA",
        wans: { create: [{ name: "odd", interface: "ether1", addressList: "odd" }] },
      },
    });
    const action = await getDb().clientAction.create({
      data: { routerId: broken.id, address: "192.168.0.9", kind: "move", targetList: "odd", requestedBy: userId },
    });
    const outcome = await runClientAction({ ctx, input: { actionId: action.id, attempt: 1, finalAttempt: true } });
    expect(outcome.status).toBe("failed");
    const row = await getDb().clientAction.findUniqueOrThrow({ where: { id: action.id } });
    expect(row.error).toMatch(/^internal error, id [0-9a-f]{8}$/);
    const errorId = row.error!.slice(-8);
    const line = logLines.find((l) => l.includes(errorId));
    expect(line).toContain('"event":"client.action_error"');
    expect(line).toContain("does not decrypt");
    const audit = await getDb().auditEntry.findFirstOrThrow({ where: { routerId: broken.id } });
    expect(audit.result).toBe(`failed: internal error, id ${errorId}`);
  });
});
