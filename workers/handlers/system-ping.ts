import type { JobHandler } from "../registry-types";

/** Proves the path app → queue → worker → Postgres: records which worker answered and when. */
export const handleSystemPing: JobHandler<"system.ping"> = async ({ ctx }) => {
  const now = new Date();
  const row = await ctx.db.workerHeartbeat.upsert({
    where: { workerId: ctx.worker.id },
    create: {
      workerId: ctx.worker.id,
      hostname: ctx.worker.hostname,
      queueBackend: ctx.worker.queueBackend,
      startedAt: ctx.worker.startedAt,
      lastSeenAt: now,
      jobsProcessed: 1,
    },
    update: { lastSeenAt: now, jobsProcessed: { increment: 1 } },
  });
  return { workerId: row.workerId, jobsProcessed: row.jobsProcessed };
};
