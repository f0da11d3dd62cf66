import { sweepClientActions } from "../../lib/actions";
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
  // Once a minute too: client actions whose job never reached the queue are re-sent, stuck ones expire.
  const queue = ctx.queues.createQueue(QUEUES.actions);
  try {
    const actions = await sweepClientActions({ ctx: { db: ctx.db, queue, log: ctx.log }, input: { now } });
    return { ...rollups, deleted, ...actions };
  } finally {
    await queue.close();
  }
};
