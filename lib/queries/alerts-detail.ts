import type { Db } from "../db";
import type { AttemptLogEntry } from "../alerts/deliver/deliver-alert";

/** One alert with its transitions and, per transition, every channel's delivery and attempt log. */
export async function getAlertDetail(options: { db: Db; alertId: number }) {
  const alert = await options.db.alert.findUnique({
    where: { id: options.alertId },
    include: {
      router: { select: { id: true, name: true, site: true } },
      events: {
        orderBy: [{ at: "asc" }, { id: "asc" }],
        include: { deliveries: { orderBy: { id: "asc" }, include: { channel: { select: { name: true, kind: true } } } } },
      },
    },
  });
  if (!alert) return null;
  return {
    ...alert,
    events: alert.events.map((e) => ({
      ...e,
      id: String(e.id),
      deliveries: e.deliveries.map((d) => ({
        ...d,
        id: String(d.id),
        alertEventId: String(d.alertEventId),
        attemptLog: (Array.isArray(d.attemptLog) ? d.attemptLog : []) as AttemptLogEntry[],
      })),
    })),
  };
}
