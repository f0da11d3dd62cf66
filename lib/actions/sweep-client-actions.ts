import type { Logger } from "pino";
import type { Db } from "../db";
import { enqueueJob } from "../jobs";
import type { QueueHandle } from "../queue/backend";
import { clientActionJobId, JOB_FOR_KIND } from "./request-client-actions";

// Actions whose job never reached the queue (it failed part-way, or the web process died between the
// row and the job) are re-sent; the job id is the action's, so one already queued is not duplicated.
// Actions no worker finished within the expiry fail with a message instead of staying pending forever.

export const ACTION_RESEND_AFTER_MS = 30_000;
export const ACTION_EXPIRE_AFTER_MS = 15 * 60_000;

export async function sweepClientActions({
  ctx,
  input,
}: {
  ctx: { db: Db; queue: QueueHandle; log: Logger };
  input: { now: Date; resendAfterMs?: number; expireAfterMs?: number };
}): Promise<{ resent: number; expired: number }> {
  const { db, queue, log } = ctx;
  const now = input.now.getTime();
  const expireAfterMs = input.expireAfterMs ?? ACTION_EXPIRE_AFTER_MS;
  const expireBefore = new Date(now - expireAfterMs);
  const expired = await db.clientAction.updateManyAndReturn({
    where: { status: { in: ["pending", "running"] }, requestedAt: { lt: expireBefore } },
    data: {
      status: "failed",
      finishedAt: input.now,
      error: `expired: no worker finished this action within ${Math.round(expireAfterMs / 60_000)} minutes; check the client's lists before trying again`,
    },
    select: { id: true, routerId: true, status: true },
  });
  for (const a of expired) log.warn({ event: "client.action_expired", actionId: a.id, routerId: a.routerId }, "client action expired");
  const stuck = await db.clientAction.findMany({
    where: { status: "pending", requestedAt: { lt: new Date(now - (input.resendAfterMs ?? ACTION_RESEND_AFTER_MS)) } },
    select: { id: true, kind: true },
    orderBy: { id: "asc" },
    take: 500,
  });
  for (const action of stuck)
    await enqueueJob({ queue, name: JOB_FOR_KIND[action.kind], payload: { actionId: action.id }, jobId: clientActionJobId(action.id) });
  if (stuck.length > 0) log.info({ event: "client.actions_resent", count: stuck.length }, "pending client actions re-sent");
  return { resent: stuck.length, expired: expired.length };
}
