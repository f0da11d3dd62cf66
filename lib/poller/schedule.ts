import type { Db } from "../db";
import { isDeepStrictEqual } from "node:util";
import { schedulerJobOptions, upsertScheduledJob } from "../jobs";
import type { QueueHandle } from "../queue/backend";

export const pollSchedulerId = (routerId: number): string => `router.poll:${routerId}`;

/**
 * Where in its interval a router is polled: spread by router id (golden-ratio steps, so any run of ids
 * fills the interval evenly) and stable across restarts. Without it every router added or restored at
 * once would be due in the same second, and the worker would meet the whole fleet as one burst.
 */
export function pollPhaseMs(routerId: number, everyMs: number): number {
  const fraction = (routerId * 0.6180339887498949) % 1;
  return Math.max(1, Math.floor(fraction * everyMs)); // BullMQ treats offset 0 as "no offset"
}

/**
 * One job scheduler per enabled router, upserted by router id (restarts never duplicate), every
 * router's own interval and phase; schedulers of deleted or disabled routers are removed. Schedulers
 * that already match are left alone: re-upserting one re-creates its next job, for nothing.
 */
export async function syncPollSchedulers(options: {
  db: Db;
  queue: QueueHandle;
}): Promise<{ scheduled: number; upserted: number; removed: number }> {
  const routers = await options.db.router.findMany({ where: { enabled: true }, select: { id: true, pollIntervalSec: true } });
  const wanted = new Map(
    routers.map((r) => [
      pollSchedulerId(r.id),
      { routerId: r.id, every: r.pollIntervalSec * 1000, offset: pollPhaseMs(r.id, r.pollIntervalSec * 1000) },
    ]),
  );
  const existing = new Map((await options.queue.getJobSchedulers(0, -1)).map((s) => [s.key, s]));
  let removed = 0;
  let upserted = 0;
  for (const id of existing.keys()) {
    if (id.startsWith("router.poll:") && !wanted.has(id)) {
      await options.queue.removeJobScheduler(id);
      removed++;
    }
  }
  const jobOptions = schedulerJobOptions("router.poll");
  for (const [id, want] of wanted) {
    const current = existing.get(id);
    // Schedulers whose jobs carry other options (made before the contract changed) are made again, once.
    if (current && current.every === want.every && current.offset === want.offset && sameJobOptions(current.template?.opts, jobOptions))
      continue;
    // BullMQ keeps an existing scheduler's phase on upsert, so one with another phase is made anew.
    if (current) await options.queue.removeJobScheduler(id);
    await upsertScheduledJob({
      queue: options.queue,
      schedulerId: id,
      repeat: { every: want.every, offset: want.offset },
      name: "router.poll",
      payload: { routerId: want.routerId },
    });
    upserted++;
  }
  return { scheduled: wanted.size, upserted, removed };
}

function sameJobOptions(stored: Record<string, unknown> | undefined, wanted: Record<string, unknown>): boolean {
  if (!stored) return false;
  return Object.entries(wanted).every(([key, value]) => isDeepStrictEqual(stored[key], value));
}
