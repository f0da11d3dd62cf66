import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, disconnectDb } from "../../../lib/db";
import { createQueueBackend } from "../../../lib/queue/backend";
import { QUEUES, schedulerJobOptions } from "../../../lib/jobs";
import { pollPhaseMs, syncPollSchedulers } from "../../../lib/poller";
import { Fleet } from "../../../sim/fleet";
import { integrationServices, useOwnDatabase } from "../../support/integration-context";
import { addSimRouter } from "../../support/poller-harness";
import { startWorkerProcess, waitFor } from "../../support/worker-process";
import type { TestDatabase } from "../../support/services";

const services = integrationServices();

// A real worker process polls simulated routers on their schedules, on each queue backend.
describe.each([
  { backend: "postgres", redisUrl: null as string | null, skip: false },
  { backend: "redis", redisUrl: services.redisUrl, skip: !services.redisUrl },
])("scheduled polling on the $backend backend", ({ backend, redisUrl, skip }) => {
  const prefix = `${services.queuePrefix}_sched_${backend}`;
  let own: TestDatabase;
  let fleet: Fleet;
  const ids: number[] = [];

  beforeAll(async () => {
    if (skip) return;
    own = await useOwnDatabase();
    fleet = await Fleet.start({
      seed: 4,
      routers: ["a", "b"].map((name) => ({ name, version: "6.49" as const, clients: 30, listVisibilityDelayMs: 0 })),
      serve: { basePort: 0 },
    });
    fleet.startRealTime();
    for (const name of ["a", "b"]) ids.push(await addSimRouter({ db: getDb(), fleet, name, prefix, pollIntervalSec: 2 }));
  });
  afterAll(async () => {
    if (skip) return;
    await fleet?.close();
    await disconnectDb();
    await own?.drop();
  });

  const samples = (routerId: number) => getDb().routerSample.count({ where: { routerId } });

  it.skipIf(skip)("keeps every router on schedule, a slow one never delays the others, and crashes store nothing twice", async () => {
    fleet.fault("b", { slowMs: 20_000 }); // b answers nothing within the poll timeout
    let worker = startWorkerProcess({ databaseUrl: own.url, redisUrl, queuePrefix: prefix, extraEnv: { POLL_TIMEOUT_MS: "1500" } });
    try {
      await waitFor(async () => (await samples(ids[0]!)) >= 3, { timeoutMs: 40_000, what: "3 polls of router a" });
      const slow = await getDb().router.findUniqueOrThrow({ where: { id: ids[1]! } });
      // Its login does not answer in time (unreachable) or its commands do not (timed_out).
      expect(["timed_out", "unreachable"]).toContain(slow.status);
      // Crash the worker mid-run; a new one carries on, and the (router, time) keys keep rows unique.
      worker.child.kill("SIGKILL");
      await worker.exited;
      const before = await samples(ids[0]!);
      worker = startWorkerProcess({ databaseUrl: own.url, redisUrl, queuePrefix: prefix, extraEnv: { POLL_TIMEOUT_MS: "1500" } });
      await waitFor(async () => (await samples(ids[0]!)) >= before + 2, { timeoutMs: 40_000, what: "polls after a worker crash" });
      const rows = await getDb().routerSample.findMany({ where: { routerId: ids[0]! }, orderBy: { ts: "asc" } });
      const gaps = rows.slice(1).map((r, i) => r.ts.getTime() - rows[i]!.ts.getTime());
      expect(gaps.every((g) => g >= 2000 && g % 1000 === 0)).toBe(true); // one row per 2 s slot
    } finally {
      await worker.stop();
      fleet.fault("b", { slowMs: 0 });
    }
  });

  it.skipIf(skip)("spreads routers over the interval and leaves matching schedulers alone", async () => {
    const queues = createQueueBackend({ redisUrl: redisUrl ?? undefined, databaseUrl: own.url, prefix: `${prefix}_sync` });
    const queue = queues.createQueue(QUEUES.poll);
    try {
      expect(await syncPollSchedulers({ db: getDb(), queue })).toEqual({ scheduled: 2, upserted: 2, removed: 0 });
      expect(await syncPollSchedulers({ db: getDb(), queue })).toEqual({ scheduled: 2, upserted: 0, removed: 0 });
      const phases = async () =>
        new Map((await queue.getJobSchedulers(0, -1)).map((s) => [s.key, { offset: s.offset, phase: (s.next ?? 0) % 2000 }]));
      for (const id of ids)
        expect((await phases()).get(`router.poll:${id}`)).toEqual({ offset: pollPhaseMs(id, 2000), phase: pollPhaseMs(id, 2000) });
      // A scheduler made before phases existed keeps its own phase on upsert, so sync makes it anew.
      await queue.removeJobScheduler(`router.poll:${ids[0]!}`);
      await queue.upsertJobScheduler(`router.poll:${ids[0]!}`, { every: 2000 }, { name: "router.poll", data: { routerId: ids[0]! } });
      expect(await syncPollSchedulers({ db: getDb(), queue })).toEqual({ scheduled: 2, upserted: 1, removed: 0 });
      expect((await phases()).get(`router.poll:${ids[0]!}`)?.phase).toBe(pollPhaseMs(ids[0]!, 2000));
      // Scheduled jobs carry the contract's retries and trimming (without them finished jobs piled up).
      const delayed = await queue.getDelayed();
      expect(delayed.map((j) => j.name)).toEqual(["router.poll", "router.poll"]);
      for (const job of delayed) expect(job.opts).toMatchObject({ ...schedulerJobOptions("router.poll") });
      // A scheduler from before that, with the right phase, is made again once, then left alone.
      await queue.upsertJobScheduler(
        `router.poll:${ids[1]!}`,
        { every: 2000, offset: pollPhaseMs(ids[1]!, 2000) },
        { name: "router.poll", data: { routerId: ids[1]! } },
      );
      expect(await syncPollSchedulers({ db: getDb(), queue })).toEqual({ scheduled: 2, upserted: 1, removed: 0 });
      expect(await syncPollSchedulers({ db: getDb(), queue })).toEqual({ scheduled: 2, upserted: 0, removed: 0 });
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      await queues.close();
    }
  });

  it.skipIf(skip)("has exactly one scheduler per router, restored on worker start after the queue store lost them", async () => {
    const queues = createQueueBackend({ redisUrl: redisUrl ?? undefined, databaseUrl: own.url, prefix });
    const queue = queues.createQueue(QUEUES.poll);
    try {
      const routerSchedulers = async () =>
        (await queue.getJobSchedulers(0, -1))
          .filter((s) => s.key.startsWith("router.poll:"))
          .map((s) => s.key)
          .sort();
      expect(await routerSchedulers()).toEqual(ids.map((id) => `router.poll:${id}`).sort());
      // As after a Redis (or queue schema) restart without persistence: every schedule is gone.
      await queue.obliterate({ force: true });
      expect(await routerSchedulers()).toEqual([]);
      const worker = startWorkerProcess({ databaseUrl: own.url, redisUrl, queuePrefix: prefix });
      try {
        await waitFor(async () => (await routerSchedulers()).length === 2, { timeoutMs: 30_000, what: "schedulers restored" });
        const before = await samples(ids[0]!);
        await waitFor(async () => (await samples(ids[0]!)) > before, { timeoutMs: 30_000, what: "polling to resume" });
      } finally {
        await worker.stop();
      }
    } finally {
      await queue.close();
      await queues.close();
    }
  });
});
