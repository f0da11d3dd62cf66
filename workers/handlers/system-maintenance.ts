import { sweepClientActions } from "../../lib/actions";
import { applyRetention, buildRollups, syncPollSchedulers } from "../../lib/poller";
import type { JobHandler } from "../registry-types";

export const handleSyncSchedules: JobHandler<"system.sync-schedules"> = async ({ ctx }) =>
  syncPollSchedulers({ db: ctx.db, queue: ctx.queues.poll });

export const handleRollup: JobHandler<"system.rollup"> = async ({ ctx }) => {
  const now = new Date();
  const rollups = await buildRollups({ db: ctx.db, now });
  const deleted = await applyRetention({
    db: ctx.db,
    now,
    days: { raw: ctx.settings.RAW_RETENTION_DAYS, minute: ctx.settings.MINUTE_RETENTION_DAYS, hour: ctx.settings.HOUR_RETENTION_DAYS },
  });
  // Once a minute too: client actions whose job never reached the queue are re-sent, stuck ones expire.
  const actions = await sweepClientActions({ ctx: { db: ctx.db, queue: ctx.queues.actions, log: ctx.log }, input: { now } });
  return { ...rollups, deleted, ...actions };
};
