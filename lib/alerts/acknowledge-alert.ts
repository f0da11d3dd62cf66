import type { Db } from "../db";
import { NotFoundError } from "../errors";
import { recordAlertEvent } from "./record-event";
import { acknowledgeState } from "./evaluate/transition";

export type AcknowledgeOutcome = { alertId: number; state: "acknowledged" | "resolved"; changed: boolean; deliveryIds: bigint[] };

/**
 * Acknowledge an open alert. `byUserId` is who did it: sign-in (issue 7) passes the session's user;
 * until then callers pass null. Idempotent: acknowledging twice records one event.
 */
export async function acknowledgeAlert(options: {
  db: Db;
  alertId: number;
  byUserId: number | null;
  now: Date;
}): Promise<AcknowledgeOutcome> {
  const { db, alertId, now } = options;
  return db.$transaction(async (tx) => {
    const alert = await tx.alert.findUnique({ where: { id: alertId }, select: { id: true, state: true, details: true } });
    if (!alert) throw new NotFoundError(`alert ${alertId}`);
    const next = acknowledgeState(alert.state);
    if (!next.event) return { alertId, state: next.state, changed: false, deliveryIds: [] };
    const updated = await tx.alert.updateMany({
      where: { id: alertId, state: "firing" },
      data: { state: "acknowledged", acknowledgedAt: now, acknowledgedBy: options.byUserId },
    });
    if (updated.count === 0) return { alertId, state: "acknowledged", changed: false, deliveryIds: [] };
    const silenced = (alert.details as { silenced?: unknown } | null)?.silenced !== undefined;
    const deliveryIds = await recordAlertEvent({
      tx,
      alertId,
      kind: "acknowledged",
      at: now,
      byUserId: options.byUserId,
      deliver: !silenced,
    });
    return { alertId, state: "acknowledged", changed: true, deliveryIds };
  });
}
