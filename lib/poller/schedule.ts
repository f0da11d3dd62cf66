import type { Db } from "../db";
import type { QueueHandle } from "../queue/backend";

export const pollSchedulerId = (routerId: number): string => `router.poll:${routerId}`;

/**
 * One job scheduler per enabled router, upserted by router id (restarts never duplicate), every
 * router's own interval; schedulers of deleted or disabled routers are removed.
 */
export async function syncPollSchedulers(options: { db: Db; queue: QueueHandle }): Promise<{ upserted: number; removed: number }> {
  const routers = await options.db.router.findMany({ where: { enabled: true }, select: { id: true, pollIntervalSec: true } });
  const wanted = new Map(routers.map((r) => [pollSchedulerId(r.id), r]));
  let removed = 0;
  for (const scheduler of await options.queue.getJobSchedulers(0, -1)) {
    const id = scheduler.key;
    if (id.startsWith("router.poll:") && !wanted.has(id)) {
      await options.queue.removeJobScheduler(id);
      removed++;
    }
  }
  for (const [id, router] of wanted) {
    await options.queue.upsertJobScheduler(id, { every: router.pollIntervalSec * 1000 }, { name: "router.poll", data: { routerId: router.id } });
  }
  return { upserted: wanted.size, removed };
}
