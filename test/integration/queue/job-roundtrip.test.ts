import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, disconnectDb } from "../../../lib/db";
import { createQueueBackend, type QueueBackend } from "../../../lib/queue/backend";
import { enqueueJob, QUEUES } from "../../../lib/jobs";
import { integrationServices, useOwnDatabase } from "../../support/integration-context";
import type { TestDatabase } from "../../support/services";
import { startWorkerProcess, waitFor } from "../../support/worker-process";

const services = integrationServices();
// Workers poll every router in their database: this file's workers get a database of their own.
let own: TestDatabase;
beforeAll(async () => {
  own = await useOwnDatabase();
});
afterAll(async () => {
  await disconnectDb();
  await own?.drop();
});
if (!services.redisUrl) console.warn(`Redis queue tests skipped: ${services.redisSkipReason}`);

// The same tests on both queue backends: enqueue here, run in a separate worker process, see the
// result in Postgres.
describe.each([
  { backend: "postgres", redisUrl: null as string | null, skip: false },
  { backend: "redis", redisUrl: services.redisUrl, skip: !services.redisUrl },
])("jobs on the $backend backend", ({ backend, redisUrl, skip }) => {
  const prefix = `${services.queuePrefix}_${backend}`;
  let queues: QueueBackend;

  beforeAll(() => {
    queues = createQueueBackend({ redisUrl: redisUrl ?? undefined, databaseUrl: own.url, prefix });
  });
  afterAll(async () => {
    await queues?.close();
  });

  it.skipIf(skip)("runs a job enqueued by another process and stores its result in Postgres", async () => {
    const worker = startWorkerProcess({ databaseUrl: own.url, redisUrl, queuePrefix: prefix });
    try {
      const queue = queues.createQueue(QUEUES.system);
      const jobId = await enqueueJob({ queue, name: "system.ping", payload: { requestedAt: new Date().toISOString() } });
      const job = await waitFor(
        async () => {
          // getJob reads a snapshot: if the job completes between that read and isCompleted(), the
          // snapshot has no return value yet, so read it again once it is known to be complete.
          const j = await queue.getJob(jobId);
          return j && (await j.isCompleted()) ? await queue.getJob(jobId) : null;
        },
        { timeoutMs: 45_000, what: "system.ping to complete" },
      );
      const result = job.returnvalue as { workerId: string; jobsProcessed: number };
      const row = await getDb().workerHeartbeat.findUniqueOrThrow({ where: { workerId: result.workerId } });
      expect(row.queueBackend).toBe(backend);
      expect(row.jobsProcessed).toBeGreaterThanOrEqual(1);
      await waitFor(async () => worker.output.some((l) => l.includes('"event":"worker.started"')), {
        timeoutMs: 20_000,
        what: "worker.started log line",
      });
      await queue.close();
    } finally {
      await worker.stop();
    }
    expect(worker.child.exitCode).toBe(0); // SIGTERM → graceful shutdown, exit 0
  });

  it.skipIf(skip)("fails a bad payload once, without retries, with a clear reason", async () => {
    const worker = startWorkerProcess({ databaseUrl: own.url, redisUrl, queuePrefix: prefix });
    try {
      const queue = queues.createQueue(QUEUES.system);
      // Bypass enqueueJob's validation on purpose: a job written by an older or broken producer.
      const job = await queue.add("system.ping", { requestedAt: "yesterday", routerPassword: "x" }, { attempts: 5 });
      const failed = await waitFor(
        async () => {
          const j = await queue.getJob(String(job.id));
          return j && (await j.isFailed()) ? j : null;
        },
        { timeoutMs: 45_000, what: "bad payload to fail" },
      );
      expect(failed.attemptsMade).toBe(1);
      expect(failed.failedReason).toMatch(/invalid system.ping payload/);
      await queue.close();
    } finally {
      await worker.stop();
    }
  });

  it.skipIf(skip)("upserts schedulers by id, so restarting workers never duplicates them", async () => {
    for (let i = 0; i < 2; i++) {
      const worker = startWorkerProcess({ databaseUrl: own.url, redisUrl, queuePrefix: prefix });
      await waitFor(async () => worker.output.some((l) => l.includes('"event":"worker.started"')), {
        timeoutMs: 45_000,
        what: "worker start",
      });
      await worker.stop();
    }
    const queue = queues.createQueue(QUEUES.system);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.filter((s) => s.key === "system.ping" || s.name === "system.ping")).toHaveLength(1);
    await queue.close();
  });

  it.skipIf(skip)("rejects an invalid payload before it reaches the queue", async () => {
    const queue = queues.createQueue(QUEUES.system);
    await expect(enqueueJob({ queue, name: "system.ping", payload: { requestedAt: "not a date" } })).rejects.toThrow(
      /invalid system.ping payload/,
    );
    await queue.close();
  });
});
