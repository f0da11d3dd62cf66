import type { Db } from "../db";
import type { Env } from "../env";
import { describeUrl } from "../db/check-reachable";
import { databaseKind } from "../db/resolve-database";

export type SystemStatus = {
  database: { kind: "external" | "embedded"; at: string };
  queue: { kind: "redis" | "postgres"; at: string };
  workers: { workerId: string; hostname: string; queueBackend: string; lastSeenAt: Date; jobsProcessed: number; alive: boolean }[];
  routers: number;
};

/** Which database and queue backend this deployment uses, and which workers answered lately. */
export async function getSystemStatus(options: { db: Db; env: Env; now: Date }): Promise<SystemStatus> {
  const databaseUrl = process.env.DATABASE_URL ?? "";
  const [workers, routers] = await Promise.all([
    options.db.workerHeartbeat.findMany({ orderBy: { lastSeenAt: "desc" }, take: 20 }),
    options.db.router.count(),
  ]);
  const staleAfterMs = 90_000; // three missed 30 s pings
  return {
    database: { kind: databaseKind(), at: describeUrl(databaseUrl) },
    queue: options.env.REDIS_URL
      ? { kind: "redis", at: describeUrl(options.env.REDIS_URL) }
      : { kind: "postgres", at: `${describeUrl(databaseUrl)} schema bullmq_${options.env.QUEUE_PREFIX}` },
    workers: workers.map((w) => ({ ...w, alive: options.now.getTime() - w.lastSeenAt.getTime() < staleAfterMs })),
    routers,
  };
}
