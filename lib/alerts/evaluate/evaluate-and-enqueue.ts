import type { Logger } from "pino";
import type { Db } from "../../db";
import type { QueueHandle } from "../../queue/backend";
import { enqueueDeliveries } from "../deliver/enqueue-deliveries";
import { evaluateRouterAlerts, type EvaluateOutcome } from "./evaluate-router";

/** Evaluate a router's alerts at `at` and enqueue the deliveries of any transition (what follows every poll). */
export async function evaluateAndEnqueue(options: {
  db: Db;
  /** the process's open alerts queue */
  queue: QueueHandle;
  log: Logger;
  routerId: number;
  at: Date;
}): Promise<EvaluateOutcome> {
  const outcome = await evaluateRouterAlerts({ db: options.db, routerId: options.routerId, now: options.at });
  if (outcome.fired || outcome.resolved) {
    options.log.info(
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
  await enqueueDeliveries({ queue: options.queue, deliveryIds: outcome.deliveryIds });
  return outcome;
}
