import { applyRetention, buildRollups, syncPollSchedulers } from "../../lib/poller";
import { QUEUES } from "../../lib/jobs";
import type { JobHandler } from "../registry-types";

export const handleSyncSchedules: JobHandler<"system.sync-schedules"> = async ({ ctx }) => {
  const queue = ctx.queues.createQueue(QUEUES.poll);
  try {
    return await syncPollSchedulers({ db: ctx.db, queue });
  } finally {
    await queue.close();
  }
};

export const handleRollup: JobHandler<"system.rollup"> = async ({ ctx }) => {
  const now = new Date();
  const rollups = await buildRollups({ db: ctx.db, now });
  const deleted = await applyRetention({
    db: ctx.db,
    now,
    days: { raw: ctx.settings.RAW_RETENTION_DAYS, minute: ctx.settings.MINUTE_RETENTION_DAYS, hour: ctx.settings.HOUR_RETENTION_DAYS },
  });
  return { ...rollups, deleted };
};
