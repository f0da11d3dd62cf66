import { evaluateAndEnqueue } from "../../lib/alerts";
import type { JobHandler } from "../registry-types";

export const handleAlertsEvaluate: JobHandler<"alerts.evaluate"> = async ({ ctx, payload }) => {
  const outcome = await evaluateAndEnqueue({
    db: ctx.db,
    queue: ctx.queues.alerts,
    log: ctx.log,
    routerId: payload.routerId,
    at: new Date(payload.at),
  });
  return { ...outcome, deliveryIds: outcome.deliveryIds.map(String) };
};
