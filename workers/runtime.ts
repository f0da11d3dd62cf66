import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Db } from "../lib/db";
import {
  DELIVERY_BACKOFF_TYPE,
  deliveryBackoffMs,
  openQueues,
  QUEUES,
  upsertScheduledJob,
  type OpenQueues,
  type QueueName,
} from "../lib/jobs";
import type { QueueBackend, WorkerHandle } from "../lib/queue/backend";
import { processJob } from "./process-job";
import type { WorkerContext, WorkerIdentity } from "./registry-types";
import { RouterSessionManager } from "../lib/routeros";
import { syncPollSchedulers } from "../lib/poller";
import { pollCounters } from "../lib/observability/poll-counters";

export type WorkerRuntime = {
  identity: WorkerIdentity;
  queues: OpenQueues;
  stats: () => { completed: number; failed: number; active: number };
  close: () => Promise<void>;
};

const concurrencyFor = (queue: QueueName, pollConcurrency: number): number =>
  queue === QUEUES.poll ? pollConcurrency : queue === QUEUES.actions ? 4 : 2;

/** Start one BullMQ worker per queue in this process; `close()` lets running jobs finish first. */
export async function startWorkerRuntime(options: {
  db: Db;
  backend: QueueBackend;
  log: Logger;
  pollConcurrency: number;
  secretKey: Buffer;
  settings: WorkerContext["settings"];
  healthEveryMs?: number;
  countersEveryMs?: number;
}): Promise<WorkerRuntime> {
  const identity: WorkerIdentity = {
    id: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    hostname: hostname(),
    queueBackend: options.backend.kind,
    startedAt: new Date(),
  };
  const log = options.log.child({ workerId: identity.id });
  const queues = openQueues(options.backend);
  const sessions = new RouterSessionManager({
    commandTimeoutMs: options.settings.POLL_TIMEOUT_MS,
    connectTimeoutMs: options.settings.POLL_TIMEOUT_MS,
    logger: log,
  });
  const ctx: WorkerContext = {
    db: options.db,
    log,
    worker: identity,
    queues,
    sessions,
    pollCounters: pollCounters({ workerId: identity.id }),
    secretKey: options.secretKey,
    settings: options.settings,
  };
  let closing = false; // a flush that fails while closing is expected (Ctrl-C also stops the embedded Postgres)
  const flushCounters = () =>
    ctx.pollCounters
      ?.flush({ db: options.db, now: new Date() })
      .catch(
        (error: Error) => closing || log.warn({ event: "worker.counters_flush_failed", err: error.message }, "poll counters not flushed"),
      );
  const counts = { completed: 0, failed: 0, active: 0 };

  await options.db.workerHeartbeat.upsert({
    where: { workerId: identity.id },
    create: {
      workerId: identity.id,
      hostname: identity.hostname,
      queueBackend: identity.queueBackend,
      startedAt: identity.startedAt,
      lastSeenAt: identity.startedAt,
    },
    update: { lastSeenAt: identity.startedAt },
  });

  const workers: WorkerHandle[] = Object.values(QUEUES).map((name) => {
    const worker = options.backend.createWorker(
      name,
      async (job) => {
        counts.active++;
        try {
          return await processJob(ctx, job);
        } finally {
          counts.active--;
        }
      },
      {
        concurrency: concurrencyFor(name, options.pollConcurrency),
        // Webhook deliveries back off exponentially but capped, so a long outage keeps being retried.
        ...(name === QUEUES.alerts
          ? {
              settings: {
                backoffStrategy: (attemptsMade: number, type?: string) =>
                  type === DELIVERY_BACKOFF_TYPE ? deliveryBackoffMs(attemptsMade) : 1000,
              },
            }
          : {}),
      },
    );
    worker.on("completed", () => counts.completed++);
    worker.on("failed", (job, error) => {
      counts.failed++;
      log.warn({ event: "job.failed", jobId: job?.id, job: job?.name, attempt: job?.attemptsMade, err: error.message }, "job failed");
    });
    // Its errors (the queue store gone, mostly) go to the backend's one rate-limited reporter (lib/queue/error-reporter.ts).
    return worker;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));

  // Schedulers are upserted by id, so restarting any number of workers never duplicates them.
  await upsertScheduledJob({
    queue: queues.system,
    schedulerId: "system.ping",
    repeat: { every: 30_000 },
    name: "system.ping",
    payload: { requestedAt: new Date().toISOString() },
  });
  await upsertScheduledJob({
    queue: queues.system,
    schedulerId: "system.sync-schedules",
    repeat: { every: 60_000 },
    name: "system.sync-schedules",
    payload: {},
  });
  await upsertScheduledJob({
    queue: queues.system,
    schedulerId: "system.rollup",
    repeat: { every: 60_000 },
    name: "system.rollup",
    payload: {},
  });
  await upsertScheduledJob({
    queue: queues.alerts,
    schedulerId: "alerts.check-fleet",
    repeat: { every: 10_000 },
    name: "alerts.check-fleet",
    payload: {},
  });
  await upsertScheduledJob({
    queue: queues.system,
    schedulerId: "config.check-fixes",
    repeat: { every: 60_000 },
    name: "config.check-fixes",
    payload: {},
  });
  // Poll schedules come back on every worker start (after a Redis or Postgres restart too).
  await syncPollSchedulers({ db: options.db, queue: queues.poll });

  const health = setInterval(() => {
    log.info(
      { event: "worker.health", ...counts, rssMb: Math.round(process.memoryUsage().rss / 1e6), backend: options.backend.kind },
      "worker healthy",
    );
  }, options.healthEveryMs ?? 60_000);
  health.unref();
  const counterFlush = setInterval(() => void flushCounters(), options.countersEveryMs ?? 5_000);
  counterFlush.unref();
  log.info({ event: "worker.started", backend: options.backend.describe, queues: Object.values(QUEUES) }, "worker started");

  return {
    identity,
    queues,
    stats: () => ({ ...counts }),
    close: async () => {
      closing = true;
      clearInterval(health);
      clearInterval(counterFlush);
      await Promise.all(workers.map((w) => w.close()));
      await ctx.pollCounters?.flush({ db: options.db, now: new Date() }).catch(() => {});
      await sessions.closeAll();
      await Promise.all(Object.values(queues).map((q) => q.close()));
      log.info({ event: "worker.stopped", ...counts }, "worker stopped");
    },
  };
}
