import { enqueueJob, QUEUES } from "../../jobs";
import type { QueueHandle } from "../../queue/backend";

/** BullMQ keeps one job per id, so enqueueing a delivery twice (sweeper, retries) adds it once. */
export const deliveryJobId = (deliveryId: bigint | number): string => `alert-deliver-${deliveryId}`;

export async function enqueueDeliveries(options: { queue: QueueHandle; deliveryIds: readonly (bigint | number)[] }): Promise<number> {
  if (options.queue.name !== QUEUES.alerts) throw new Error(`deliveries go on the ${QUEUES.alerts} queue`);
  for (const id of options.deliveryIds) {
    await enqueueJob({ queue: options.queue, name: "alert.deliver", payload: { deliveryId: Number(id) }, jobId: deliveryJobId(id) });
  }
  return options.deliveryIds.length;
}
