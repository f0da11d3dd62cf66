import type { Db } from "../db";
import type { Prisma } from "../db/generated/client";

export type Tx = Prisma.TransactionClient | Db;

/**
 * One lifecycle event and, unless it is muted, one pending delivery per enabled channel (unique per
 * channel and event, so a retried evaluation adds none). Returns the delivery ids to enqueue.
 */
export async function recordAlertEvent(options: {
  tx: Tx;
  alertId: number;
  kind: "fired" | "acknowledged" | "resolved";
  at: Date;
  byUserId?: number | null;
  deliver: boolean;
}): Promise<bigint[]> {
  const { tx } = options;
  const event = await tx.alertEvent.upsert({
    where: { alertId_kind_at: { alertId: options.alertId, kind: options.kind, at: options.at } },
    create: { alertId: options.alertId, kind: options.kind, at: options.at, byUserId: options.byUserId ?? null },
    update: {},
  });
  if (!options.deliver) return [];
  const channels = await tx.notificationChannel.findMany({ where: { enabled: true }, select: { id: true } });
  if (channels.length === 0) return [];
  await tx.delivery.createMany({ data: channels.map((c) => ({ channelId: c.id, alertEventId: event.id })), skipDuplicates: true });
  const rows = await tx.delivery.findMany({ where: { alertEventId: event.id, status: "pending" }, select: { id: true } });
  return rows.map((r) => r.id);
}
