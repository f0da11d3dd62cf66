import { checkFleetAlerts, enqueueDeliveries } from "../../lib/alerts";
import type { JobHandler } from "../registry-types";

export const handleAlertsCheckFleet: JobHandler<"alerts.check-fleet"> = async ({ ctx }) => {
  const result = await checkFleetAlerts({ db: ctx.db, now: new Date() });
  await enqueueDeliveries({ queue: ctx.queues.alerts, deliveryIds: [...result.deliveryIds, ...result.orphans] });
  if (result.fired || result.resolved || result.orphans.length) {
    ctx.log.info(
      { event: "alerts.fleet-checked", fired: result.fired, resolved: result.resolved, requeued: result.orphans.length },
      "fleet alerts checked",
    );
  }
  return {
    routers: result.routers,
    fired: result.fired,
    resolved: result.resolved,
    deliveries: result.deliveryIds.length,
    requeued: result.orphans.length,
  };
};
