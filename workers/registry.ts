import type { JobName } from "../lib/jobs";
import type { JobHandler } from "./registry-types";
import { handleSystemPing } from "./handlers/system-ping";
import { handleRouterPoll } from "./handlers/router-poll";
import { handleRollup, handleSyncSchedules } from "./handlers/system-maintenance";
import { handleAlertsEvaluate } from "./handlers/alerts-evaluate";
import { handleAlertsCheckFleet } from "./handlers/alerts-check-fleet";
import { handleAlertDeliver } from "./handlers/alert-deliver";
import { handleClientMove, handleClientPin, handleClientResolveDual, handleClientUnpin } from "./handlers/client-action";
import { handleConfigApplyFix, handleConfigCheckFixes, handleConfigRollbackFix } from "./handlers/config-fix";

// Job name → handler. Payload schemas, queues and retry policies are in lib/jobs/contracts.ts so the
// app can validate before enqueueing without importing handlers.
export const handlers: { [N in JobName]: JobHandler<N> } = {
  "system.ping": handleSystemPing,
  "system.sync-schedules": handleSyncSchedules,
  "system.rollup": handleRollup,
  "router.poll": handleRouterPoll,
  "alerts.evaluate": handleAlertsEvaluate,
  "alerts.check-fleet": handleAlertsCheckFleet,
  "alert.deliver": handleAlertDeliver,
  "client.move": handleClientMove,
  "client.pin": handleClientPin,
  "client.unpin": handleClientUnpin,
  "client.resolve-dual": handleClientResolveDual,
  "config.apply-fix": handleConfigApplyFix,
  "config.rollback-fix": handleConfigRollbackFix,
  "config.check-fixes": handleConfigCheckFixes,
};
