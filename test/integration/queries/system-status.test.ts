import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "../../../lib/db";
import { parseEnv } from "../../../lib/env";
import { getSystemStatus } from "../../../lib/queries/system-status";
import { QUEUES } from "../../../lib/jobs";
import { createQueueBackend, type QueueBackend, type QueueHandle } from "../../../lib/queue/backend";
import { integrationServices } from "../../support/integration-context";
import { waitFor } from "../../support/worker-process";

const services = integrationServices();
let queues: QueueBackend;
let pollQueue: QueueHandle;
const ids = [`dash-test-alive-${process.pid}`, `dash-test-stale-${process.pid}`];

afterAll(async () => {
  await getDb().workerHeartbeat.deleteMany({ where: { workerId: { in: ids } } });
  await pollQueue?.obliterate({ force: true }).catch(() => undefined);
  await pollQueue?.close();
  await queues?.close();
});

describe("getSystemStatus", () => {
  it("names the backends and tells live workers from stale ones", async () => {
    const db = getDb();
    const now = new Date();
    await db.workerHeartbeat.createMany({
      data: [
        {
          workerId: ids[0] as string,
          hostname: "h1",
          queueBackend: "postgres",
          startedAt: now,
          lastSeenAt: new Date(now.getTime() - 10_000),
        },
        {
          workerId: ids[1] as string,
          hostname: "h2",
          queueBackend: "postgres",
          startedAt: now,
          lastSeenAt: new Date(now.getTime() - 600_000),
        },
      ],
    });
    queues = createQueueBackend({ databaseUrl: services.databaseUrl, prefix: `${services.queuePrefix}_status` });
    pollQueue = queues.createQueue(QUEUES.poll);
    const status = await getSystemStatus({ db, env: parseEnv({ DATABASE_URL: process.env.DATABASE_URL }), now, pollQueue });
    expect(status.database.kind).toBe("external");
    expect(status.queue.kind).toBe("postgres");
    const mine = status.workers.filter((w) => ids.includes(w.workerId)).map((w) => [w.workerId, w.alive]);
    expect(mine).toEqual([
      [ids[0], true],
      [ids[1], false],
    ]);
  });

  it("lists poll jobs that failed for good, as an outage leaves them", async () => {
    // A poll that failed every retry while the database was down, as the worker would fail it.
    await pollQueue.add("router.poll", { routerId: 42 }, { attempts: 1, jobId: "status-test-poll" });
    const worker = queues.createWorker(QUEUES.poll, async () => {
      throw new Error("Can't reach database server at 127.0.0.1:5432\n    at stack line");
    });
    try {
      await waitFor(async () => (await pollQueue.getJobCounts("failed")).failed === 1, { timeoutMs: 30_000, what: "the poll job to fail" });
    } finally {
      await worker.close();
    }
    const status = await getSystemStatus({
      db: getDb(),
      env: parseEnv({ DATABASE_URL: process.env.DATABASE_URL }),
      now: new Date(),
      pollQueue,
    });
    expect(status.failedPolls).toMatchObject({
      count: 1,
      recent: [{ routerId: 42, reason: "Can't reach database server at 127.0.0.1:5432" }],
    });
  });
});
