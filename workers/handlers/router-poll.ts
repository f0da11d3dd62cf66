import { evaluateAndEnqueue } from "../../lib/alerts";
import { pollAndStoreRouter } from "../../lib/poller";
import type { JobHandler } from "../registry-types";

export const handleRouterPoll: JobHandler<"router.poll"> = async ({ ctx, payload, scheduledAt }) => {
  const outcome = await pollAndStoreRouter({
    db: ctx.db,
    sessions: ctx.sessions,
    secretKey: ctx.secretKey,
    routerId: payload.routerId,
    at: scheduledAt,
    now: new Date(),
    log: ctx.log,
  });
  if (outcome.kind !== "skipped")
    ctx.pollCounters?.record({
      failed: outcome.kind === "router_failed",
      lagSec: outcome.kind === "stored" ? (Date.now() - scheduledAt.getTime()) / 1000 : null,
    });
  const log = ctx.log.child({ routerId: payload.routerId });
  if (outcome.kind === "router_failed") log.warn({ event: "poll.failed", code: outcome.code, err: outcome.message }, "poll failed");
  else if (outcome.kind === "stored") log.debug({ event: "poll.stored", ...outcome }, "poll stored");
  else log.info({ event: `poll.${outcome.kind}`, ...outcome }, "poll not stored");
  // Alerts follow every poll that reached the router (stored, failed, or a retried duplicate).
  if (outcome.kind !== "skipped")
    await evaluateAndEnqueue({ db: ctx.db, queue: ctx.queues.alerts, log: ctx.log, routerId: payload.routerId, at: scheduledAt });
  return outcome;
};
