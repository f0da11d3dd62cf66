import type { Db } from "../db";
import type { Env } from "../env";
import type { QueueHandle } from "../queue/backend";
import { describeUrl } from "../db/check-reachable";
import { databaseKind } from "../db/resolve-database";

export type SystemStatus = {
  database: { kind: "external" | "embedded"; at: string };
  queue: { kind: "redis" | "postgres"; at: string };
  workers: { workerId: string; hostname: string; queueBackend: string; lastSeenAt: Date; jobsProcessed: number; alive: boolean }[];
  routers: number;
  /** Poll jobs that failed for good (database trouble, not router trouble): an outage leaves them here. */
  failedPolls: { count: number; recent: { routerId: number | null; failedAt: Date | null; reason: string }[] } | { error: string };
};

/** Failed poll jobs from the queue store: how many, and the newest with their reasons. */
export async function readFailedPolls(options: { queue: QueueHandle; limit?: number }): Promise<SystemStatus["failedPolls"]> {
  try {
    const [counts, jobs] = await Promise.all([
      options.queue.getJobCounts("failed"),
      options.queue.getJobs(["failed"], 0, (options.limit ?? 10) - 1),
    ]);
    return {
      count: counts.failed ?? 0,
      recent: jobs.map((job) => ({
        routerId: typeof (job.data as { routerId?: unknown })?.routerId === "number" ? (job.data as { routerId: number }).routerId : null,
        failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
        reason: (job.failedReason ?? "").split("\n")[0]!.slice(0, 300),
      })),
    };
  } catch (error) {
    return { error: `the queue store did not answer: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}` };
  }
}

/** Which database and queue backend this deployment uses, and which workers answered lately. */
export async function getSystemStatus(options: { db: Db; env: Env; now: Date; pollQueue: QueueHandle }): Promise<SystemStatus> {
  const databaseUrl = process.env.DATABASE_URL ?? "";
  const [workers, routers, failedPolls] = await Promise.all([
    options.db.workerHeartbeat.findMany({ orderBy: { lastSeenAt: "desc" }, take: 20 }),
    options.db.router.count(),
    readFailedPolls({ queue: options.pollQueue }),
  ]);
  const staleAfterMs = 90_000; // three missed 30 s pings
  return {
    database: { kind: databaseKind(), at: describeUrl(databaseUrl) },
    queue: options.env.REDIS_URL
      ? { kind: "redis", at: describeUrl(options.env.REDIS_URL) }
      : { kind: "postgres", at: `${describeUrl(databaseUrl)} schema bullmq_${options.env.QUEUE_PREFIX}` },
    workers: workers.map((w) => ({ ...w, alive: options.now.getTime() - w.lastSeenAt.getTime() < staleAfterMs })),
    routers,
    failedPolls,
  };
}
