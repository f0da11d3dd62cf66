import { enqueueDeliveries, evaluateRouterAlerts, type EvaluateOutcome } from "../../lib/alerts";
import { QUEUES } from "../../lib/jobs";
import type { JobHandler, WorkerContext } from "../registry-types";

/** Evaluate a router's alerts at `at` and enqueue the deliveries of any transition. */
export async function evaluateAndEnqueue(options: { ctx: WorkerContext; routerId: number; at: Date }): Promise<EvaluateOutcome> {
  const outcome = await evaluateRouterAlerts({ db: options.ctx.db, routerId: options.routerId, now: options.at });
  if (outcome.fired || outcome.resolved) {
    options.ctx.log.info(
      {
        event: "alerts.transitions",
        routerId: options.routerId,
        fired: outcome.fired,
        resolved: outcome.resolved,
        silenced: outcome.silenced,
        deliveries: outcome.deliveryIds.length,
      },
      "alert transitions",
    );
  }
  await enqueueOnAlertsQueue({ ctx: options.ctx, deliveryIds: outcome.deliveryIds });
  return outcome;
}

/** Transitions are rare, so a queue handle is made only when there is something to enqueue. */
export async function enqueueOnAlertsQueue(options: { ctx: WorkerContext; deliveryIds: readonly bigint[] }): Promise<void> {
  if (options.deliveryIds.length === 0) return;
  const queue = options.ctx.queues.createQueue(QUEUES.alerts);
  try {
    await enqueueDeliveries({ queue, deliveryIds: options.deliveryIds });
  } finally {
    await queue.close();
  }
}

export const handleAlertsEvaluate: JobHandler<"alerts.evaluate"> = async ({ ctx, payload }) => {
  const outcome = await evaluateAndEnqueue({ ctx, routerId: payload.routerId, at: new Date(payload.at) });
  return { ...outcome, deliveryIds: outcome.deliveryIds.map(String) };
};
